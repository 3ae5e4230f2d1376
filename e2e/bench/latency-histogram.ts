import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Latencies in an HDR histogram: Node's own `perf_hooks.createHistogram`, which is HdrHistogram_c
 * (deps/histogram in Node core) — maintained with Node itself and nothing to install, where the
 * npm port (hdr-histogram-js 3.0.1) pulls pako 1 and an AssemblyScript loader from 2021. Values are
 * recorded in microseconds with 3 significant figures, so a reported millisecond is within 0.1 %.
 */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export class LatencyHistogram {
  readonly #histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 3 });

  /** Records one latency in milliseconds (fractions kept to the microsecond). */
  record(ms: number): void {
    this.#histogram.record(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.#histogram.count;
  }

  /** Milliseconds, rounded to 0.1 ms; zeros when nothing was recorded. */
  summary(): LatencySummary {
    const h = this.#histogram;
    if (h.count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    const ms = (us: number) => Math.round(us / 100) / 10;
    return { count: h.count, p50: ms(h.percentile(50)), p95: ms(h.percentile(95)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
  }
}
