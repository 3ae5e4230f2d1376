/** Small statistics for rounds of noisy figures. */

/** The median; the mean of the middle two for an even count; undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return undefined;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid] : (finite[mid - 1]! + finite[mid]!) / 2;
}

/** project / floor, undefined when either is missing or the floor is 0. */
export function ratio(project: number | undefined, floor: number | undefined): number | undefined {
  if (project === undefined || floor === undefined || floor === 0) return undefined;
  return project / floor;
}

/** Rounds to `digits` significant decimals for reports (0.1234 → 0.123, 1234.5 → 1235 with digits 3). */
export function round(value: number | undefined, digits = 3): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (value === 0) return 0;
  const scale = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}

/** Every key of the per-round records with the median of its values (keys missing in a round count as absent). */
export function medianByKey(rounds: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const keys = new Set(rounds.flatMap((r) => Object.keys(r)));
  const out: Record<string, number> = {};
  for (const key of keys) {
    const m = median(rounds.map((r) => r[key]).filter((v): v is number => v !== undefined));
    if (m !== undefined) out[key] = m;
  }
  return out;
}

/**
 * Closed-loop throughput while every slot was busy: sagas ended from the start until the last
 * saga was started, over that time. The tail after it (fewer and fewer in flight) would
 * understate a system's rate at this concurrency. With no steady part, all sagas over the time.
 */
export function steadyThroughput(ends: readonly number[], startedAt: number, lastStartAt: number, endedAt: number): number {
  const steady = ends.filter((t) => t <= lastStartAt).length;
  if (steady > 0 && lastStartAt > startedAt) return steady / ((lastStartAt - startedAt) / 1000);
  return endedAt > startedAt ? ends.length / ((endedAt - startedAt) / 1000) : 0;
}
