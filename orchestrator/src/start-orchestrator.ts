import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnySystem, Topology } from '@saga/contracts';
import { deriveId, newMessageId, type Consumer, type Logger, type MessageBus, type SenderMap } from '@saga/runtime';
import { createHttpApi } from './adapters/http/http-api.ts';
import { OrchestratorMetrics } from './adapters/http/metrics.ts';
import { BusCommandPublisher } from './adapters/bus/bus-command-publisher.ts';
import { BusSagaInbox } from './adapters/bus/bus-saga-inbox.ts';
import { startSagaConsumers } from './adapters/bus/saga-consumers.ts';
import type { Clock, HistoryStore, SagaStore } from './application/ports.ts';
import { SagaEngine } from './application/saga-engine.ts';
import { SagaOperations } from './application/saga-operations.ts';
import type { SagaRegistry } from './domain/saga-registry.ts';

export interface OrchestratorOptions {
  /** The system the sagas run over. */
  system: AnySystem;
  store: SagaStore;
  /** Where the older part of each saga's history goes. */
  history: HistoryStore;
  bus: MessageBus;
  /** The namespace's topology on that bus. */
  topology: Topology;
  /** The saga definitions deployed, every version side by side. */
  registry: SagaRegistry;
  logger: Logger;
  /** Unacked messages this instance holds, all its queues together. */
  prefetch: number;
  maxBytes: number;
  /** Refuse replies not published by their participant's broker user. @default no check */
  senders?: SenderMap;
  /** Where the HTTP API listens; port 0 picks a free one. */
  http: { port: number; host: string };
  sweepIntervalMs: number;
  outboxGraceMs: number;
  /** @default the system clock */
  clock?: Clock;
  /** Said on every HTTP response (see HttpApiDeps.sandboxNotice). @default unset: the real system */
  sandboxNotice?: string;
  /** Where /metrics counts come from; pass the one whose `dbCommand` the store's client reports to. @default a fresh one */
  metrics?: OrchestratorMetrics;
}

export interface RunningOrchestrator {
  engine: SagaEngine;
  operations: SagaOperations;
  http: Server;
  /** The port the HTTP API listens on. */
  port: number;
  /** Stops the sweeper, the API and the consumers; the bus and the store stay open (the caller's). */
  close(): Promise<void>;
}

/**
 * One orchestrator instance over the adapters it is given: the engine, a sweep before consuming
 * (commands committed but never confirmed are re-sent, due timers fire), the consumers of the
 * commands and partition queues, the sweeper, and the HTTP API. Composition roots choose the
 * adapters: main.ts MongoDB and RabbitMQ, the sandbox memory for both.
 */
export async function startOrchestrator(options: OrchestratorOptions): Promise<RunningOrchestrator> {
  const { system, store, history, bus, topology, registry, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const inbox = new BusSagaInbox(bus, topology);
  const engine = new SagaEngine({ system, store, history, publisher: new BusCommandPublisher(bus, topology), inbox, clock, newId: newMessageId, deriveId, registry, logger });
  const operations = new SagaOperations({ store, inbox, clock, newId: newMessageId, registry });
  const recovered = await engine.sweep({ graceMs: 0 });
  if (recovered > 0) logger.info({ sagas: recovered }, 'woke sagas with pending work');
  const metrics = options.metrics ?? new OrchestratorMetrics();
  const consumers: Consumer[] = await startSagaConsumers({
    system,
    bus,
    topology,
    engine,
    logger,
    metrics,
    prefetch: options.prefetch,
    maxBytes: options.maxBytes,
    ...(options.senders ? { senders: options.senders } : {}),
  });
  const sweeper = setInterval(() => {
    engine.sweep({ graceMs: options.outboxGraceMs }).catch((error: unknown) => logger.warn({ err: String(error) }, 'sweep failed; will retry'));
  }, options.sweepIntervalMs);
  const http = createHttpApi({ store, history, operations, engine, clock, newId: newMessageId, deriveId, metrics, logger, ...(options.sandboxNotice ? { sandboxNotice: options.sandboxNotice } : {}) });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.http.port, options.http.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(sweeper);
    await Promise.all(consumers.map((c) => c.close().catch(() => undefined)));
    throw new Error(`the HTTP API cannot listen on ${options.http.host}:${options.http.port}: ${(error as Error).message}`, { cause: error });
  }
  return {
    engine,
    operations,
    http,
    port: (http.address() as AddressInfo).port,
    async close() {
      clearInterval(sweeper);
      await new Promise((resolve) => http.close(resolve));
      await Promise.all(consumers.map((c) => c.close().catch(() => undefined)));
    },
  };
}
