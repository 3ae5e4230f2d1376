import { randomUUID } from 'node:crypto';
import type { AnySystem, PayloadInputOf, ReplyTypeOf, WireMessage } from '@saga/contracts';
import { ManualClock, createLogger, deriveId } from '@saga/runtime';
import { MemoryHistoryStore } from '../adapters/memory/memory-history-store.ts';
import { MemorySagaInbox } from '../adapters/memory/memory-saga-inbox.ts';
import { MemorySagaStore } from '../adapters/memory/memory-saga-store.ts';
import { mergeHistory } from '../application/history-spill.ts';
import type { CommandPublisher } from '../application/ports.ts';
import { SagaEngine, type EngineLimits, type HandleResult } from '../application/saga-engine.ts';
import { SagaOperations, type ActionRequest, type ActionResult } from '../application/saga-operations.ts';
import type { AnySagaDefinition } from '../domain/definition.ts';
import { sagaRegistry } from '../domain/saga-registry.ts';
import type { HistoryEntry, OutboxEntry, SagaState } from '../domain/saga-state.ts';
import { RecordingPublisher } from './recording-publisher.ts';

export interface SagaTestHarnessOptions<S extends AnySystem> {
  /** The system the sagas run over: replies are checked against, and typed by, its contracts. */
  system: S;
  /** Every saga version deployed, side by side. */
  definitions: readonly AnySagaDefinition[];
  /** @default 2026-01-01T00:00:00Z */
  startAt?: Date;
  /**
   * The clock the engine reads and `advance` moves. Pass the one your MemoryBroker schedules on, and
   * faults that delay messages fire as the harness's time passes. @default a new ManualClock at startAt
   */
  clock?: ManualClock;
  /** Where commands go besides the record (e.g. a BusCommandPublisher over a memory bus). @default nowhere */
  publisher?: CommandPublisher;
  /** Backoff jitter source. @default () => 0.5 (repeatable) */
  random?: () => number;
  limits?: Partial<EngineLimits>;
}

/**
 * The real SagaEngine over the in-memory store and a recording publisher, with a clock you move:
 * test a saga definition end to end without RabbitMQ or MongoDB. Replies are built from the
 * commands the engine actually sent, so a test reads as the conversation it checks. Timers
 * (retries, timeouts, the deadline) fire when you `advance` the clock past them, through the same
 * sweeper and wake-ups as in production; operator actions go through `act`. `redeploy` swaps the
 * deployed definitions for a new engine over the same store — how to test shipping v2 of a saga.
 *
 * @example
 *   const h = createSagaTestHarness({ system: orderSystem, definitions: orderSagas });
 *   const sagaId = await h.start('order-fulfilment', input);
 *   await h.reply('InventoryReserved', { reservationId: 'r-1', items });
 *   await h.reply('PaymentDeclined', { code: 'LIMIT_EXCEEDED', reason: 'too much', retryable: false });
 *   expect(h.lastCommand().envelope.type).toBe('ReleaseInventory');
 */
export function createSagaTestHarness<S extends AnySystem>(options: SagaTestHarnessOptions<S>) {
  const { system } = options;
  const store = new MemorySagaStore();
  const history = new MemoryHistoryStore();
  const publisher = new RecordingPublisher(options.publisher);
  const inbox = new MemorySagaInbox();
  const clock = options.clock ?? new ManualClock(options.startAt ?? new Date('2026-01-01T00:00:00Z'));
  const logger = createLogger({ name: 'saga-test-harness', level: 'silent' });
  const build = (definitions: readonly AnySagaDefinition[]) => {
    const registry = sagaRegistry(definitions);
    const engine = new SagaEngine({ system, store, history, publisher, inbox, clock, newId: randomUUID, random: options.random ?? (() => 0.5), deriveId, registry, logger, ...(options.limits ? { limits: options.limits } : {}) });
    return { engine, operations: new SagaOperations({ store, inbox, clock, newId: randomUUID, registry }) };
  };
  let { engine, operations } = build(options.definitions);
  const drain = () => inbox.drain((m) => engine.handle(m));
  let currentSaga: string | undefined;
  const lastCommand = (): OutboxEntry => {
    const last = publisher.sent.at(-1);
    if (!last) throw new Error('no command has been sent yet');
    return last;
  };
  const replyEnvelope = (type: string, payload: unknown, to: OutboxEntry): WireMessage =>
    ({
      messageId: randomUUID(),
      type,
      schemaVersion: system.message(type)?.version ?? 1,
      correlationId: to.envelope.correlationId,
      causationId: to.envelope.messageId,
      step: to.envelope.step,
      occurredAt: clock.now().toISOString(),
      payload,
    }) as WireMessage;
  return {
    get engine() {
      return engine;
    },
    get operations() {
      return operations;
    },
    store,
    history,
    publisher,
    clock,
    /** Moves the clock on (running what is scheduled on it, e.g. delayed bus messages) and fires every saga timer now due, as the sweeper would. */
    async advance(ms: number): Promise<void> {
      await clock.advance(ms);
      await engine.sweep({ graceMs: 5_000, rewakeAfterMs: 0 });
      await drain();
    },
    /** Restarts the orchestrator with other definitions deployed, over the same store (shipping a new version). */
    redeploy(definitions: readonly AnySagaDefinition[]): void {
      ({ engine, operations } = build(definitions));
    },
    /** An operator action on the saga (the last one started, unless an id is given), applied at once. */
    async act(request: ActionRequest, sagaId = currentSaga): Promise<ActionResult> {
      if (!sagaId) throw new Error('no saga started yet');
      const result = await operations.request(sagaId, request);
      await drain();
      return result;
    },
    /** Starts a saga as a StartSaga from a client would; returns its id. */
    async start(sagaType: string, input: Record<string, unknown>, sagaId = `saga-${randomUUID()}`, sagaVersion?: number): Promise<string> {
      const result = await engine.route({
        messageId: randomUUID(),
        type: 'StartSaga',
        schemaVersion: 1,
        occurredAt: clock.now().toISOString(),
        payload: { sagaType, sagaId, input, ...(sagaVersion ? { sagaVersion } : {}) },
      });
      if (result.kind === 'rejected') throw new Error(`StartSaga rejected: ${result.code} ${result.reason}`);
      await drain();
      currentSaga = sagaId;
      return sagaId;
    },
    /** Answers `to` (default: the last command sent) with a reply, as its participant would. */
    reply<T extends ReplyTypeOf<S>>(type: T, payload: PayloadInputOf<S, T>, to: OutboxEntry = lastCommand()): Promise<HandleResult> {
      return engine.handle(replyEnvelope(type, payload, to));
    },
    /** Answers `to` as a participant does when the command reached it too late: CommandExpired, not run. */
    expire(to: OutboxEntry = lastCommand()): Promise<HandleResult> {
      return engine.handle(replyEnvelope('CommandExpired', { command: to.envelope.type, expiresAt: to.envelope.expiresAt ?? clock.now().toISOString(), receivedAt: clock.now().toISOString() }, to));
    },
    /** Delivers any message to the engine as a partition consumer would (duplicates, strays, forgeries). */
    handle: (message: WireMessage): Promise<HandleResult> => engine.handle(message),
    lastCommand,
    /** Types of every command sent so far, in order. */
    commandTypes: (): string[] => publisher.sent.map((c) => c.envelope.type),
    /** The saga as stored (the last one started, unless an id is given). */
    async saga(sagaId = currentSaga): Promise<SagaState> {
      const state = sagaId ? await store.load(sagaId) : undefined;
      if (!state) throw new Error(`no saga ${sagaId ?? '(none started)'}`);
      return state;
    },
    /** The saga's whole history: what moved to the history store and what the document keeps. */
    async timeline(sagaId = currentSaga): Promise<HistoryEntry[]> {
      const state = await this.saga(sagaId);
      return mergeHistory(await history.read(state.sagaId), state.history);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SagaTestHarness<S extends AnySystem = any> = ReturnType<typeof createSagaTestHarness<S>>;
