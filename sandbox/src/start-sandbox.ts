import { orderSystem } from '@order-fulfilment/contracts';
import { orderSagas } from '@order-fulfilment/orchestrator';
import { serviceUsername, topology } from '@saga/contracts';
import { MemoryHistoryStore, MemorySagaStore, sagaRegistry, startOrchestrator, withPolicyDefaults } from '@saga/orchestrator';
import { MemoryBroker, busTopologyOf, conventionalSenders, type Consumer, type Logger } from '@saga/runtime';
import { SANDBOX_POLICY } from './sandbox-seed.ts';
import { startParticipants } from './start-participants.ts';

/** What the sandbox says on every HTTP response and at start. */
export const NOTHING_IS_DURABLE = 'nothing is durable';

export interface SandboxOptions {
  http: { port: number; host: string };
  /** The logger of each service (each logs as itself, as its own process would). */
  logger(service: string): Logger;
  /** @default 'saga' */
  namespace?: string;
}

export interface RunningSandbox {
  /** The port the orchestrator's HTTP API listens on. */
  port: number;
  broker: MemoryBroker;
  store: MemorySagaStore;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * The second composition root: the real SagaEngine, its sweeper and HTTP API, and the four real
 * participants with the real participant runtime, in this one process, over the in-memory saga
 * store, in-memory twins of the participants' databases and the in-memory bus with the real
 * topology (per-service queues, orchestrator partitions with single active consumers, the
 * dead-letter queue). Every service connects as its own broker user and the sender check is on,
 * as in a least-privilege deployment. Policies are shortened (SANDBOX_POLICY) and one fault is
 * planted on purpose (withRefundOutage), so each kind of ending shows within seconds.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const namespace = options.namespace ?? 'saga';
  const names = topology(orderSystem, namespace);
  const declaration = busTopologyOf(names);
  const broker = new MemoryBroker();
  const connect = (service: string) => broker.connect({ topology: declaration, username: serviceUsername(namespace, service), maxMessageBytes: MAX_MESSAGE_BYTES });
  const senders = conventionalSenders(namespace, orderSystem.services);
  const participants: Consumer[] = await startParticipants({ connect, topology: names, logger: options.logger, senders, maxBytes: MAX_MESSAGE_BYTES });
  const store = new MemorySagaStore();
  const bus = await connect('orchestrator');
  const orchestrator = await startOrchestrator({
    system: orderSystem,
    store,
    history: new MemoryHistoryStore(),
    bus,
    topology: names,
    registry: sagaRegistry(withPolicyDefaults(orderSagas, SANDBOX_POLICY)),
    logger: options.logger('orchestrator'),
    prefetch: 32,
    maxBytes: MAX_MESSAGE_BYTES,
    senders,
    http: options.http,
    sweepIntervalMs: 250,
    outboxGraceMs: 1_000,
    sandboxNotice: NOTHING_IS_DURABLE,
  });
  return {
    port: orchestrator.port,
    broker,
    store,
    async close() {
      await orchestrator.close();
      await bus.close();
      await Promise.all(participants.map((p) => p.close()));
    },
  };
}
