import { performance } from 'node:perf_hooks';
import type { BenchOrder } from './bench-orders.ts';
import { steadyThroughput } from './bench-stats.ts';
import { tally, type DriveResult } from './drive-result.ts';
import type { SagaLauncher, SagaRun } from './saga-launcher.ts';

export interface ClosedLoopOptions {
  name: string;
  /** Sagas in flight; a new one starts when one ends. */
  inFlight: number;
  /** Sagas in all (a count, not a time: both systems then hold the same number of sagas afterwards). */
  sagas: number;
  nextOrder(): BenchOrder;
  /** Stop waiting after this long; what has not ended counts as unfinished. */
  deadlineMs: number;
  /**
   * Start no new saga after this long, so a slow system cannot stretch the run (it then ends with
   * fewer sagas than `sagas`; the report shows how many). @default no limit
   */
  startForMs?: number;
}

/** Closed loop: `inFlight` sagas at a time until `sagas` have been started and have ended. */
export function closedLoop(launcher: SagaLauncher, options: ClosedLoopOptions): Promise<DriveResult> {
  const startedAt = performance.now();
  const runs: SagaRun[] = [];
  const ends: number[] = [];
  let lastStartAt = startedAt;
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      const endedAt = ends.length > 0 ? Math.max(...ends) : performance.now();
      resolve(tally(options.name, runs, startedAt, steadyThroughput(ends, startedAt, lastStartAt, endedAt)));
    };
    const deadline = setTimeout(finish, options.deadlineMs);
    const startOne = () => {
      if (done || runs.length >= options.sagas) return;
      if (options.startForMs !== undefined && performance.now() - startedAt > options.startForMs) {
        // Out of time: let what is in flight end, start nothing more.
        if (ends.length === runs.length) finish();
        return;
      }
      lastStartAt = performance.now();
      const ended = launcher.launch(options.nextOrder(), lastStartAt);
      runs.push(launcher.runs.at(-1)!);
      void ended.then((run) => {
        ends.push(run.endedAt!);
        if (ends.length === options.sagas) finish();
        else startOne();
      });
    };
    for (let i = 0; i < Math.min(options.inFlight, options.sagas); i += 1) startOne();
  });
}

/** A batch: every saga started at once; latency from that one moment, throughput until the last ended. */
export function batch(launcher: SagaLauncher, options: Omit<ClosedLoopOptions, 'inFlight'>): Promise<DriveResult> {
  const startedAt = performance.now();
  const runs: SagaRun[] = [];
  const ended = Array.from({ length: options.sagas }, () => {
    const promise = launcher.launch(options.nextOrder(), startedAt);
    runs.push(launcher.runs.at(-1)!);
    return promise;
  });
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(deadline);
      const ends = runs.flatMap((r) => (r.endedAt === undefined ? [] : [r.endedAt]));
      const last = ends.length > 0 ? Math.max(...ends) : performance.now();
      resolve(tally(options.name, runs, startedAt, last > startedAt ? ends.length / ((last - startedAt) / 1000) : 0));
    };
    const deadline = setTimeout(finish, options.deadlineMs);
    void Promise.all(ended).then(finish);
  });
}
