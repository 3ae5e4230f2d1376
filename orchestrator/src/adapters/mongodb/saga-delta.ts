import type { SagaState } from '../../domain/saga-state.ts';

/**
 * The update that turns `previous` into `next`: `$set` of the top-level fields that changed — of
 * each changed step on its own (`steps.<name>`; step names are kebab-case, safe in a path) — and
 * `$unset` of the fields that went away. A transition touches a step or two, its history and its
 * timers, so this writes a fraction of the document a replace would.
 */
export function sagaDelta(previous: SagaState, next: SagaState, version: number): { $set: Record<string, unknown>; $unset?: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  const before = previous as unknown as Record<string, unknown>;
  const after = { ...next, version } as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'sagaId') continue;
    if (!(key in after) || after[key] === undefined) {
      if (key in before && before[key] !== undefined) $unset[key] = '';
      continue;
    }
    if (key === 'steps' && isRecord(before[key]) && isRecord(after[key]) && sameKeys(before[key], after[key])) {
      for (const [name, step] of Object.entries(after[key])) {
        if (!same(before[key][name], step)) $set[`steps.${name}`] = step;
      }
      continue;
    }
    if (!same(before[key], after[key])) $set[key] = after[key];
  }
  return Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
