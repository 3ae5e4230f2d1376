import { performance } from 'node:perf_hooks';
import { startDriven, warmUp, type BenchContext } from './bench-context.ts';
import { closedLoop } from './closed-loop.ts';
import { sleep, type DriveResult } from './drive-result.ts';
import { STATS_SETTLE_MS, statsDelta, type TableStats } from './postgres-probe.ts';
import { tableCounters, waitForStragglers } from './system-round.ts';

export interface StoredDrive {
  kind: 'floor' | 'project';
  /** Saga documents in the collection when the drive started. */
  stored: number;
  /** How long inserting the pre-loaded documents took, s. */
  preloadSeconds: number;
  drive: DriveResult;
  sagaTable: TableStats | undefined;
  namespaceTables: TableStats | undefined;
}

/**
 * The saga store's growth: fill the collection with terminal saga documents shaped like the
 * system's own (copies of a completed warm-up saga, with insertMany — not by running that many
 * sagas), then a short closed-loop drive, for each level in `levels` (ascending, one system start).
 * Table counters are read STATS_SETTLE_MS after the load around each drive, so they are complete.
 */
export async function storedRound(kind: 'floor' | 'project', levels: readonly number[], context: BenchContext, log: (line: string) => void): Promise<StoredDrive[]> {
  const { settings } = context;
  const driven = await startDriven(kind, context);
  const results: StoredDrive[] = [];
  try {
    await warmUp(driven, settings.warmup, settings.deadlineMs);
    let quietSince = performance.now();
    const sagas = driven.system.sagas();
    const completed = driven.launcher.runs.find((r) => r.outcome === 'completed');
    const template = completed ? await sagas.findOne({ _id: completed.order.sagaId as never }) : null;
    if (!template) throw new Error(`${kind}: no completed warm-up saga to copy`);
    let stored = await sagas.countDocuments({});
    let copies = 0;
    for (const level of levels) {
      const began = performance.now();
      // Four batches at a time: FerretDB converts each document to JSONB on its own goroutine.
      while (stored < level) {
        const batches = Array.from({ length: 4 }, () => {
          const size = Math.min(250, level - stored);
          stored += size;
          return Array.from({ length: size }, () => ({ ...template, _id: `stored-${copies++}` }));
        }).filter((b) => b.length > 0);
        await Promise.all(batches.map((b) => sagas.insertMany(b as never[], { ordered: false })));
      }
      const preloadSeconds = (performance.now() - began) / 1000;
      if (preloadSeconds > 0.05) log(`  ${kind}: ${stored} sagas stored (${preloadSeconds.toFixed(1)} s to insert)`);
      quietSince = Math.max(quietSince, performance.now());
      await sleep(quietSince + STATS_SETTLE_MS - performance.now());
      const before = await tableCounters(driven, context);
      const { inFlight, sagas: count } = settings.storedDrive;
      const drive = await driven.measure(() =>
        closedLoop(driven.launcher, { name: `stored-${level}`, inFlight, sagas: count, nextOrder: () => driven.nextOrder(true), deadlineMs: settings.deadlineMs }),
      );
      await waitForStragglers(driven, settings.deadlineMs);
      quietSince = performance.now();
      await sleep(quietSince + STATS_SETTLE_MS - performance.now());
      const after = await tableCounters(driven, context);
      log(`  ${kind} ${drive.name}: ${drive.throughput.toFixed(1)} sagas/s, p99 ${drive.latency.p99} ms` + (drive.unfinished ? `, ${drive.unfinished} of ${drive.started} not ended within ${settings.deadlineMs / 1000} s` : ''));
      results.push({ kind, stored, preloadSeconds, drive, sagaTable: statsDelta(after.saga, before.saga), namespaceTables: statsDelta(after.namespace, before.namespace) });
      stored += drive.started;
      quietSince = performance.now();
    }
    return results;
  } finally {
    await driven.close();
  }
}
