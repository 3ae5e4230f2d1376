import { performance } from 'node:perf_hooks';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';
import type { Usage } from './resource-meter.ts';
import type { SagaRun } from './saga-launcher.ts';

/** One drive of one system in one round. */
export interface DriveResult {
  /** e.g. `closed-16`, `batch-200`, `open-40`, `stored-1000`. */
  name: string;
  started: number;
  completed: number;
  compensated: number;
  /** Ended, but not as the order said (e.g. a happy order compensated). */
  unexpected: number;
  /** Not ended when the drive stopped waiting. */
  unfinished: number;
  seconds: number;
  /** Sagas per second (closed loop: while every slot was busy; batch and open loop: all of them until the last ended). */
  throughput: number;
  /** From each saga's scheduled start to the tap seeing its end, ms. */
  latency: LatencySummary;
  usage?: Usage;
}

/** Counts and latencies of the runs of one drive. */
export function tally(name: string, runs: readonly SagaRun[], startedAt: number, throughput: number): DriveResult {
  const histogram = new LatencyHistogram();
  let completed = 0;
  let compensated = 0;
  let unexpected = 0;
  for (const run of runs) {
    if (run.endedAt === undefined) continue;
    histogram.record(run.endedAt - run.scheduledAt);
    if (run.outcome === 'completed') completed += 1;
    if (run.outcome === 'compensated') compensated += 1;
    if (run.outcome !== run.order.expected) unexpected += 1;
  }
  return {
    name,
    started: runs.length,
    completed,
    compensated,
    unexpected,
    unfinished: runs.filter((r) => r.endedAt === undefined).length,
    seconds: (performance.now() - startedAt) / 1000,
    throughput,
    latency: histogram.summary(),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
