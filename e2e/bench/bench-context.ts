import amqplib from 'amqplib';
import type { BenchSettings } from './bench-settings.ts';
import type { BenchSystem } from './bench-system.ts';
import { lifecycleEventDetector, lifecycleRoutingKeys, replyDetector, type CompletionDetector } from './completion-detector.ts';
import { closedLoop } from './closed-loop.ts';
import { benchOrder, BUSINESS_ENV, type BenchOrder } from './bench-orders.ts';
import type { DriveResult } from './drive-result.ts';
import { sleep } from './drive-result.ts';
import type { PostgresProbe } from './postgres-probe.ts';
import { ResourceMeter, usageBetween, type SharedPids } from './resource-meter.ts';
import { SagaLauncher } from './saga-launcher.ts';
import { SagaTap } from './saga-tap.ts';
import { startFloor } from './start-floor.ts';
import { startProject } from './start-project.ts';

/** What every round needs: settings, where the services are, and the shared processes to meter. */
export interface BenchContext {
  settings: BenchSettings;
  amqpUrl: string;
  mongoUrl: string;
  shared: SharedPids;
  postgres: PostgresProbe | undefined;
  /** Which completion detector both systems are measured with. */
  detector: 'replies' | 'events';
}

/** A started system with its tap, launcher and meter, ready to drive. */
export interface DrivenSystem {
  system: BenchSystem;
  launcher: SagaLauncher;
  meter: ResourceMeter;
  detector: CompletionDetector;
  startSeconds: number;
  /** The next order: happy only, or with the configured refused fraction. */
  nextOrder(happyOnly?: boolean): BenchOrder;
  /** Runs a drive between two meter snapshots, each taken once the orchestrators have written every end seen so far. */
  measure(drive: () => Promise<DriveResult>): Promise<DriveResult>;
  /** Waits (at most 3 s) until the orchestrators have written every saga end the tap has seen. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDriven(kind: 'floor' | 'project', context: BenchContext): Promise<DrivenSystem> {
  const { settings } = context;
  const began = Date.now();
  const env = { ...BUSINESS_ENV, PREFETCH: String(settings.prefetch), LOG_LEVEL: settings.logLevel };
  const system =
    kind === 'floor'
      ? await startFloor({ amqpUrl: context.amqpUrl, mongoUrl: context.mongoUrl, env, events: context.detector === 'events' })
      : await startProject({ env, orchestrators: settings.orchestrators, partitions: settings.partitions });
  const startSeconds = (Date.now() - began) / 1000;
  const connection = await amqplib.connect(context.amqpUrl, { noDelay: true });
  try {
    const channel = await connection.createConfirmChannel();
    let detector: CompletionDetector = replyDetector();
    let bindings = system.replies;
    if (context.detector === 'events') {
      if (!system.events) throw new Error(`the ${kind} publishes no lifecycle events; run with BENCH_DETECTOR=replies`);
      detector = lifecycleEventDetector('order-fulfilment');
      bindings = { exchange: system.events, routingKeys: lifecycleRoutingKeys('order-fulfilment') };
    }
    const tap = await SagaTap.open(connection, bindings, detector);
    const launcher = new SagaLauncher(channel, tap, system.start);
    const meter = new ResourceMeter(system, context.shared, context.postgres);
    let n = 0;
    // The tap sees a saga's last reply a moment before the orchestrator has written that
    // transition: wait (briefly) until the orchestrators count every saga the tap saw end.
    const settle = async () => {
      launcher.reconcile();
      const ended = launcher.runs.filter((r) => r.outcome !== undefined).length;
      const until = Date.now() + 3_000;
      while (Date.now() < until && (await meter.finished()) < ended) await sleep(25);
    };
    return {
      system,
      launcher,
      meter,
      detector,
      startSeconds,
      nextOrder: (happyOnly = false) => benchOrder(n++, happyOnly ? 0 : settings.refusedFraction),
      settle,
      async measure(drive) {
        await settle();
        const before = await meter.snapshot();
        const result = await drive();
        await settle();
        result.usage = usageBetween(before, await meter.snapshot());
        return result;
      },
      async close() {
        await tap.close();
        await connection.close().catch(() => undefined);
        await system.stop();
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    await system.stop();
    throw error;
  }
}

/** A few sagas before measuring: connections, JIT and FerretDB's first queries of each collection. */
export async function warmUp(driven: DrivenSystem, sagas: number, deadlineMs: number): Promise<void> {
  if (sagas === 0) return;
  const result = await closedLoop(driven.launcher, { name: 'warm-up', inFlight: 8, sagas, nextOrder: () => driven.nextOrder(true), deadlineMs });
  if (result.unfinished > 0) throw new Error(`warm-up: ${result.unfinished} of ${sagas} sagas did not end\n${driven.system.output()}`);
}
