import { messages, type AnyMessage, type Envelope, type MessageOf, type WakeSaga } from '@saga/contracts';
import { KeyedSerializer, SagaError, crashPoint, errorSummary, isRetryable, type Logger } from '@saga/runtime';
import type { AnySagaDefinition } from '../domain/definition.ts';
import { decide, type DecideContext } from '../domain/decide.ts';
import { TERMINAL_STATUSES, type SagaState } from '../domain/saga-state.ts';
import type { Clock, CommandPublisher, SagaInbox, SagaStore } from './ports.ts';
import { resolveSagaId } from './resolve-saga-id.ts';

export interface SagaEngineDeps {
  store: SagaStore;
  publisher: CommandPublisher;
  /** Where messages to a saga's own partition go: forwarded StartSagas and wake-ups. */
  inbox: SagaInbox;
  clock: Clock;
  newId(): string;
  /** [0, 1) for backoff jitter. @default Math.random */
  random?: () => number;
  /** Name-based id derivation (uuid v5) for idempotent starts. */
  deriveId(name: string): string;
  definitions: ReadonlyMap<string, AnySagaDefinition>;
  logger: Logger;
}

export type HandleResult =
  /** `finished`: this message moved the saga into a terminal status; `previous`: its status before. */
  | { kind: 'applied'; sagaId: string; status: SagaState['status']; previous: SagaState['status'] | undefined; finished: boolean }
  | { kind: 'ignored'; sagaId: string; reason: string; duplicate: boolean }
  | { kind: 'rejected'; code: string; reason: string };

export type RouteResult = { kind: 'forwarded'; sagaId: string } | { kind: 'rejected'; code: string; reason: string };

/** How often a version conflict is retried (reload, decide again) before giving up. */
const MAX_CONFLICT_RETRIES = 5;

/**
 * Applies messages to sagas: load, decide, persist (version-guarded), then publish the outbox.
 *
 * One writer per saga: every message of a saga — replies, the forwarded StartSaga, wake-ups and
 * operator commands — arrives on that saga's partition queue, which has a single active consumer
 * across all orchestrator instances, and within the instance messages of one saga are applied one at
 * a time (KeyedSerializer). The version check fences anyone else. Nothing else writes a saga: the
 * sweeper only sends wake-ups, the API only sends operator commands.
 */
export class SagaEngine {
  readonly #deps: SagaEngineDeps;
  readonly #serializer = new KeyedSerializer();
  readonly #random: () => number;
  /** What this instance last woke sagas for, and when: no second wake-up while the first is queued. */
  readonly #woken = new Map<string, number>();
  #sweeping = false;

  constructor(deps: SagaEngineDeps) {
    this.#deps = deps;
    this.#random = deps.random ?? Math.random;
  }

  /** Applies one message from a partition queue. */
  handle(message: AnyMessage): Promise<HandleResult> {
    const sagaId = message.type === 'StartSaga' ? resolveSagaId(message, this.#deps.deriveId) : message.correlationId;
    if (!sagaId) return Promise.resolve({ kind: 'rejected', code: 'ERR_INVALID_MESSAGE', reason: 'this message needs a correlationId' });
    return this.#serializer.run(sagaId, () => this.#apply(sagaId, message));
  }

  /**
   * A StartSaga from a client (any instance may take it): checked — an unknown saga type or invalid
   * input is rejected here, with its reason — then forwarded, with its saga id as correlationId, to
   * the saga's partition, where it is applied like every other message of that saga.
   */
  async route(message: MessageOf<'StartSaga'>): Promise<RouteResult> {
    const sagaId = resolveSagaId(message, this.#deps.deriveId);
    const probe = decide(undefined, message, this.#context(sagaId));
    if (probe.outcome === 'rejected') return { kind: 'rejected', code: probe.code, reason: probe.reason };
    await this.#deps.inbox.deliver({ ...message, correlationId: sagaId });
    return { kind: 'forwarded', sagaId };
  }

  #context(sagaId: string): DecideContext {
    const { clock, newId, definitions } = this.#deps;
    return { now: clock.now().toISOString(), newId, random: this.#random, definitions, sagaId };
  }

  async #apply(sagaId: string, message: AnyMessage): Promise<HandleResult> {
    const { store } = this.#deps;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const current = await store.load(sagaId);
      const decision = decide(current, message, this.#context(sagaId));
      if (decision.outcome === 'rejected') return { kind: 'rejected', code: decision.code, reason: decision.reason };
      if (decision.outcome === 'ignored') {
        if (!current) return { kind: 'rejected', code: 'ERR_SAGA_NOT_FOUND', reason: `no saga ${sagaId}` };
        // A redelivered message whose first delivery committed but crashed before publishing, or a
        // wake-up for a waiting outbox: send what the outbox holds now.
        if (current.outbox.length > 0) await this.#flush(current);
        return { kind: 'ignored', sagaId, reason: decision.reason, duplicate: decision.duplicate };
      }
      const saved = await this.#persist(current, decision.state);
      if (!saved) continue;
      crashPoint('orchestrator:after-commit');
      await this.#flush(saved);
      crashPoint('orchestrator:before-ack');
      if (decision.ignoredReason) return { kind: 'ignored', sagaId, reason: decision.ignoredReason, duplicate: false };
      const finished = TERMINAL_STATUSES.includes(saved.status) && !TERMINAL_STATUSES.includes(current?.status ?? 'running');
      return { kind: 'applied', sagaId, status: saved.status, previous: current?.status, finished };
    }
    throw new SagaError('ERR_CONCURRENCY_CONFLICT', `saga ${sagaId} kept changing under us`, { sagaId });
  }

  async #persist(current: SagaState | undefined, next: SagaState): Promise<SagaState | undefined> {
    if (!current) {
      const inserted = { ...next, version: 1 };
      return (await this.#deps.store.insert(inserted)) === 'inserted' ? inserted : undefined;
    }
    const result = await this.#deps.store.save(next, current.version);
    return result === 'saved' ? { ...next, version: current.version + 1 } : undefined;
  }

  /**
   * Publishes every outbox entry and, once all are confirmed, empties the outbox. Any failure
   * leaves the entries in place for the sweeper; a re-send keeps the messageId, so receivers
   * de-duplicate it.
   */
  async #flush(state: SagaState): Promise<void> {
    if (state.outbox.length === 0) return;
    const log = this.#deps.logger.child({ sagaId: state.sagaId });
    try {
      for (const entry of state.outbox) await this.#deps.publisher.publish(entry);
      crashPoint('orchestrator:after-publish');
    } catch (error) {
      const { code, message } = errorSummary(error);
      // Transient (the broker is away) is normal; anything else needs a person, so say so loudly.
      if (isRetryable(error)) log.warn({ code, err: message, pending: state.outbox.length }, 'publish failed; the sweeper will wake the saga to re-send');
      else log.error({ code, err: message, pending: state.outbox.length }, 'a command cannot be published; it stays in the outbox and is tried again at every sweep');
      return;
    }
    const result = await this.#deps.store.save({ ...state, outbox: [], outboxSince: null }, state.version);
    if (result === 'conflict') log.warn('outbox published but the saga changed meanwhile; it may be re-sent (receivers de-duplicate)');
  }

  /**
   * Wakes every saga with a due timer, or with an outbox waiting longer than `graceMs`, by sending a
   * WakeSaga to its partition; returns how many it woke. Safe on every instance at once: a wake-up
   * is applied by the saga's one writer and finds nothing to do when another got there first. A call
   * made while another runs returns 0 at once, so a slow store cannot pile sweeps up.
   */
  async sweep(options: { graceMs: number; batch?: number; rewakeAfterMs?: number }): Promise<number> {
    if (this.#sweeping) return 0;
    this.#sweeping = true;
    try {
      const { store, clock } = this.#deps;
      const batch = options.batch ?? 500;
      const rewakeAfterMs = options.rewakeAfterMs ?? 10_000;
      const now = clock.now();
      for (const [id, at] of this.#woken) if (now.getTime() - at >= rewakeAfterMs) this.#woken.delete(id);
      const due = await store.findDue(now.toISOString(), batch);
      const pending = await store.findPendingOutbox(new Date(now.getTime() - options.graceMs).toISOString(), batch);
      // Keyed by what is due, so a saga with a new timer is woken again at once.
      const wakes = [
        ...pending.map((p) => ({ sagaId: p.sagaId, reason: 'outbox' as const, key: `${p.sagaId}|outbox|${p.since}` })),
        ...due.map((d) => ({ sagaId: d.sagaId, reason: 'timer' as const, key: `${d.sagaId}|timer|${d.wakeAt}` })),
      ];
      let woken = 0;
      for (const wake of wakes) {
        if (this.#woken.has(wake.key)) continue;
        await this.#deps.inbox.deliver(this.#wakeEnvelope(wake.sagaId, wake.reason, now));
        this.#woken.set(wake.key, now.getTime());
        woken += 1;
      }
      return woken;
    } finally {
      this.#sweeping = false;
    }
  }

  #wakeEnvelope(sagaId: string, reason: WakeSaga['reason'], now: Date): Envelope<'WakeSaga', WakeSaga> {
    return {
      messageId: this.#deps.newId(),
      type: 'WakeSaga',
      schemaVersion: messages.WakeSaga.version,
      correlationId: sagaId,
      occurredAt: now.toISOString(),
      payload: { reason },
    };
  }
}
