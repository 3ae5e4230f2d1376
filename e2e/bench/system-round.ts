import { BSON } from 'mongodb';
import { performance } from 'node:perf_hooks';
import { ORDER_CENTS } from './bench-orders.ts';
import { startDriven, warmUp, type BenchContext, type DrivenSystem } from './bench-context.ts';
import { batch, closedLoop } from './closed-loop.ts';
import { sleep, type DriveResult } from './drive-result.ts';
import { openLoop } from './open-loop.ts';
import { STATS_SETTLE_MS, statsDelta, type TableStats } from './postgres-probe.ts';

/** Saga documents and PostgreSQL table counters over one system's round (or stored drive). */
export interface StoreFigures {
  /** Sagas the counters are divided by: every saga started while they were counted. */
  sagas: number;
  avgDocBytes: number;
  maxDocBytes: number;
  docsSampled: number;
  /** Undefined when PostgreSQL could not be asked (none found, or it refused). */
  sagaTable: TableStats | undefined;
  namespaceTables: TableStats | undefined;
}

export interface Correctness {
  started: number;
  completed: number;
  compensated: number;
  unexpected: number;
  unfinished: number;
  /** Empty when stock, charges, shipments and confirmations match the outcomes exactly. */
  effectMismatches: string[];
}

export interface SystemRound {
  kind: 'floor' | 'project';
  round: number;
  namespace: string;
  startSeconds: number;
  drives: DriveResult[];
  store: StoreFigures;
  correctness: Correctness;
}

/** One system, freshly started in its own namespace: warm-up, every drive, then its store and its effects. */
export async function systemRound(kind: 'floor' | 'project', round: number, context: BenchContext, log: (line: string) => void): Promise<SystemRound> {
  const { settings } = context;
  const driven = await startDriven(kind, context);
  try {
    const pgBefore = await tableCounters(driven, context);
    await warmUp(driven, settings.warmup, settings.deadlineMs);
    const drives: DriveResult[] = [];
    // Every drive starts on an idle system: a saturated drive's backlog must not count for the next.
    const measure = async (drive: () => Promise<DriveResult>) => {
      await waitForStragglers(driven, settings.deadlineMs);
      return driven.measure(drive);
    };
    const report = (result: DriveResult) => {
      drives.push(result);
      log(`  ${kind} ${result.name}: ${result.throughput.toFixed(1)} sagas/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` + (result.unfinished ? `, ${result.unfinished} unfinished` : '') + (result.unexpected ? `, ${result.unexpected} unexpected outcomes` : ''));
      return result;
    };
    for (const { inFlight, sagas, happyOnly } of settings.closedLoop.filter((c) => c.sagas > 0)) {
      report(await measure(() => closedLoop(driven.launcher, { name: `closed-${inFlight}`, inFlight, sagas, nextOrder: () => driven.nextOrder(happyOnly), deadlineMs: settings.deadlineMs, startForMs: settings.driveStartForMs })));
    }
    if (settings.batch > 0) {
      report(await measure(() => batch(driven.launcher, { name: `batch-${settings.batch}`, sagas: settings.batch, nextOrder: () => driven.nextOrder(), deadlineMs: settings.deadlineMs })));
    }
    for (const rate of settings.ladder.rates) {
      const sagas = Math.max(1, Math.round(rate * settings.ladder.seconds));
      const result = report(await measure(() => openLoop(driven.launcher, { name: `open-${rate}`, rate, sagas, nextOrder: () => driven.nextOrder(), drainMs: settings.ladder.drainMs })));
      // Past saturation the queue only grows: the next rung would measure the backlog, not the rate.
      if (result.unfinished > 0 || result.latency.p99 > settings.ladder.maxP99Ms || result.throughput < 0.75 * rate) {
        log(`  ${kind} saturated at ${rate} sagas/s; higher rates skipped`);
        break;
      }
    }
    await waitForStragglers(driven, settings.deadlineMs);
    const lastActivity = performance.now();
    await sleep(lastActivity + STATS_SETTLE_MS - performance.now());
    const pgAfter = await tableCounters(driven, context);
    const store = { ...(await documentSizes(driven)), sagas: driven.launcher.runs.length, sagaTable: statsDelta(pgAfter.saga, pgBefore.saga), namespaceTables: statsDelta(pgAfter.namespace, pgBefore.namespace) };
    return { kind, round, namespace: driven.system.namespace, startSeconds: driven.startSeconds, drives, store, correctness: await correctness(driven) };
  } finally {
    await driven.close();
  }
}

export async function tableCounters(driven: DrivenSystem, context: BenchContext): Promise<{ saga: TableStats | undefined; namespace: TableStats | undefined }> {
  const { postgres } = context;
  if (!postgres) return { saga: undefined, namespace: undefined };
  return {
    saga: await postgres.collectionStats(driven.system.sagaDatabase, 'sagas').catch(() => undefined),
    namespace: await postgres.namespaceStats(driven.system.namespace).catch(() => undefined),
  };
}

/** Waits (bounded) until every saga sent has ended, so the next drive or the counters start clean. */
export async function waitForStragglers(driven: DrivenSystem, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (driven.launcher.unfinished().length > 0 && Date.now() < until) await sleep(200);
  driven.launcher.reconcile();
}

/** BSON size of up to 200 saga documents spread over the round ($bsonSize is not in FerretDB v1). */
export async function documentSizes(driven: DrivenSystem): Promise<Pick<StoreFigures, 'avgDocBytes' | 'maxDocBytes' | 'docsSampled'>> {
  const runs = driven.launcher.runs;
  const step = Math.max(1, Math.floor(runs.length / 200));
  const ids = runs.filter((_, i) => i % step === 0).slice(0, 200).map((r) => r.order.sagaId);
  const docs = await driven.system.sagas().find({ _id: { $in: ids } as never }).toArray();
  const sizes = docs.map((d) => BSON.calculateObjectSize(d));
  return {
    docsSampled: sizes.length,
    avgDocBytes: sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0,
    maxDocBytes: sizes.length ? Math.max(...sizes) : 0,
  };
}

/** Every saga ended as its order said, and the participants' effects are exactly those of the completed ones. */
export async function correctness(driven: DrivenSystem): Promise<Correctness> {
  driven.launcher.reconcile();
  const runs = driven.launcher.runs;
  const completed = runs.filter((r) => r.outcome === 'completed');
  const result: Correctness = {
    started: runs.length,
    completed: completed.length,
    compensated: runs.filter((r) => r.outcome === 'compensated').length,
    unexpected: runs.filter((r) => r.outcome !== undefined && r.outcome !== r.order.expected).length,
    unfinished: runs.filter((r) => r.outcome === undefined).length,
    effectMismatches: [],
  };
  if (result.unfinished > 0) {
    result.effectMismatches.push('not checked: sagas still running');
    return result;
  }
  const effects = await driven.system.effects();
  const expectedStock: Record<string, number> = {};
  for (const run of completed) expectedStock[run.order.sku] = (expectedStock[run.order.sku] ?? 0) + 1;
  for (const sku of new Set([...Object.keys(expectedStock), ...Object.keys(effects.stockTaken)])) {
    if ((effects.stockTaken[sku] ?? 0) !== (expectedStock[sku] ?? 0)) result.effectMismatches.push(`stock ${sku}: ${effects.stockTaken[sku] ?? 0} taken, ${expectedStock[sku] ?? 0} expected`);
  }
  const expectedCents = completed.length * ORDER_CENTS;
  if (effects.chargedCents !== expectedCents) result.effectMismatches.push(`charged ${effects.chargedCents} cents, ${expectedCents} expected`);
  if (effects.shipmentsBooked !== completed.length) result.effectMismatches.push(`${effects.shipmentsBooked} shipments booked, ${completed.length} expected`);
  if (effects.confirmationsSent !== completed.length) result.effectMismatches.push(`${effects.confirmationsSent} confirmations sent, ${completed.length} expected`);
  return result;
}
