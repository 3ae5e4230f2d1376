/**
 * Every sample of one metric in a Prometheus text exposition, keyed by the value of `label`
 * (samples without it under ''). Values of one label value are summed.
 */
export function metricSamples(text: string, name: string, label: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(value)) continue;
    const match = new RegExp(`[{,]${label}="((?:[^"\\\\]|\\\\.)*)"`).exec(line);
    const key = match?.[1] ?? '';
    samples.set(key, (samples.get(key) ?? 0) + value);
  }
  return samples;
}
