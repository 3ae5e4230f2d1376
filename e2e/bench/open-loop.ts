import { performance } from 'node:perf_hooks';
import type { BenchOrder } from './bench-orders.ts';
import { sleep, tally, type DriveResult } from './drive-result.ts';
import type { SagaLauncher, SagaRun } from './saga-launcher.ts';

export interface OpenLoopOptions {
  name: string;
  /** Sagas started per second, on a fixed schedule whatever the system does. */
  rate: number;
  sagas: number;
  nextOrder(): BenchOrder;
  /** How long after the last scheduled start to wait for the last end. */
  drainMs: number;
}

/**
 * Open loop: saga i is scheduled at start + i / rate and its latency is measured from that
 * moment, so a system (or a driver) that falls behind shows it as latency instead of quietly
 * starting later — no coordinated omission. Throughput: sagas ended over the time from the first
 * scheduled start to the last end.
 */
export async function openLoop(launcher: SagaLauncher, options: OpenLoopOptions): Promise<DriveResult> {
  const startedAt = performance.now() + 5;
  const interval = 1000 / options.rate;
  const runs: SagaRun[] = [];
  const ended: Array<Promise<SagaRun>> = [];
  for (let i = 0; i < options.sagas; ) {
    const due = startedAt + i * interval;
    if (due > performance.now()) await sleep(due - performance.now());
    // Start everything that is due by now: a late timer must not thin out the schedule.
    while (i < options.sagas && startedAt + i * interval <= performance.now()) {
      ended.push(launcher.launch(options.nextOrder(), startedAt + i * interval));
      runs.push(launcher.runs.at(-1)!);
      i += 1;
    }
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(ended), new Promise<void>((resolve) => (timer = setTimeout(resolve, options.drainMs)))]);
  clearTimeout(timer);
  const ends = runs.flatMap((r) => (r.endedAt === undefined ? [] : [r.endedAt]));
  const last = ends.length > 0 ? Math.max(...ends) : performance.now();
  return tally(options.name, runs, startedAt, last > startedAt ? ends.length / ((last - startedAt) / 1000) : 0);
}
