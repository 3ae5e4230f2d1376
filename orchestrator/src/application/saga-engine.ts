import { frameworkMessages, type AnySystem, type Envelope, type FrameworkMessage, type WakeSaga, type WireMessage } from '@saga/contracts';
import { KeyedSerializer, SagaError, crashPoint, errorSummary, isRetryable, type Logger } from '@saga/runtime';
import { decide, parkAtActiveStep, type DecideContext, type Decision, type SagaInput } from '../domain/decide.ts';
import { isTerminal, type OutboxEntry, type SagaState } from '../domain/saga-state.ts';
import type { SagaRegistry } from '../domain/saga-registry.ts';
import { spillHistory } from './history-spill.ts';
import type { Clock, CommandPublisher, HistoryStore, SagaInbox, SagaStore } from './ports.ts';
import { resolveSagaId } from './resolve-saga-id.ts';
import { SagaCache, withoutConfirmed } from './saga-cache.ts';

export interface EngineLimits {
  /** History entries a saga document keeps; older ones move to the history store. @default 16 */
  historyKept: number;
  /**
   * A saga whose next state would serialize larger than this parks as `too-large` instead — far
   * below MongoDB's 16 MiB, so that even a saga at the limit can still be parked and resolved.
   * @default 524288
   */
  maxDocumentBytes: number;
}

export const DEFAULT_LIMITS: EngineLimits = { historyKept: 16, maxDocumentBytes: 512 * 1024 };

export interface SagaEngineDeps {
  store: SagaStore;
  history: HistoryStore;
  publisher: CommandPublisher;
  /** Where messages to a saga's own partition go: forwarded StartSagas and wake-ups. */
  inbox: SagaInbox;
  clock: Clock;
  newId(): string;
  /** [0, 1) for backoff jitter. @default Math.random */
  random?: () => number;
  /** Name-based id derivation (uuid v5) for idempotent starts. */
  deriveId(name: string): string;
  /** The system the sagas run over: its contracts build, check and route the commands. */
  system: AnySystem;
  registry: SagaRegistry;
  logger: Logger;
  limits?: Partial<EngineLimits>;
  /**
   * Keep the sagas this instance wrote in memory, so the next message of a saga needs no read.
   * Correct only while this instance is each cached saga's one writer (see SagaCache). @default true
   */
  cache?: boolean;
}

export type HandleResult =
  /** `finished`: this message moved the saga into a terminal status; `previous`: its status before. */
  | { kind: 'applied'; sagaId: string; status: SagaState['status']; previous: SagaState['status'] | undefined; finished: boolean }
  | { kind: 'recorded'; sagaId: string; reason: string }
  | { kind: 'ignored'; sagaId: string; reason: string; duplicate: boolean }
  | { kind: 'rejected'; code: string; reason: string };

export type RouteResult = { kind: 'forwarded'; sagaId: string } | { kind: 'rejected'; code: string; reason: string };

/** How often a version conflict is retried (reload, decide again) before giving up. */
const MAX_CONFLICT_RETRIES = 5;

/**
 * Applies messages to sagas: decide, persist (one version-guarded write), then publish the outbox.
 *
 * One writer per saga: every message of a saga — replies, the forwarded StartSaga, wake-ups and
 * operator commands — arrives on that saga's partition queue, which has a single active consumer
 * across all orchestrator instances, and within the instance messages of one saga are applied one
 * at a time (KeyedSerializer). The version check fences anyone else. Nothing else writes a saga:
 * the sweeper only sends wake-ups, the API only sends operator commands.
 *
 * Operations per message on the owning instance, with the cache warm: no read, one write (the
 * transition, which also drops the outbox entries confirmed since the last one), the publishes.
 * A history that outgrows the document adds one append every `historyKept` entries.
 */
export class SagaEngine {
  readonly #deps: SagaEngineDeps;
  readonly #serializer = new KeyedSerializer();
  readonly #random: () => number;
  readonly #limits: EngineLimits;
  readonly #cache: SagaCache | undefined;
  /** What this instance last woke sagas for, and when: no second wake-up while the first is queued. */
  readonly #woken = new Map<string, number>();
  #sweeping = false;

  constructor(deps: SagaEngineDeps) {
    this.#deps = deps;
    this.#random = deps.random ?? Math.random;
    this.#limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.#cache = deps.cache === false ? undefined : new SagaCache();
  }

  /** Applies one message from a partition queue. */
  handle(message: WireMessage): Promise<HandleResult> {
    const sagaId = message.type === 'StartSaga' ? resolveSagaId(message as FrameworkMessage<'StartSaga'>, this.#deps.deriveId) : message.correlationId;
    if (!sagaId) return Promise.resolve({ kind: 'rejected', code: 'ERR_INVALID_MESSAGE', reason: 'this message needs a correlationId' });
    return this.#serializer.run(sagaId, () => this.#apply(sagaId, message));
  }

  /**
   * A StartSaga from a client (any instance may take it): checked — an unknown saga type or invalid
   * input is rejected here, with its reason — then forwarded, with its saga id as correlationId, to
   * the saga's partition, where it is applied like every other message of that saga.
   */
  async route(message: FrameworkMessage<'StartSaga'>): Promise<RouteResult> {
    const sagaId = resolveSagaId(message, this.#deps.deriveId);
    const probe = decide(undefined, message, this.#context(sagaId));
    if (probe.outcome === 'rejected') return { kind: 'rejected', code: probe.code, reason: probe.reason };
    await this.#deps.inbox.deliver({ ...message, correlationId: sagaId });
    return { kind: 'forwarded', sagaId };
  }

  /** Drops cached sagas (all of them, or one): after this instance may have lost their partition. */
  forget(sagaId?: string): void {
    this.#cache?.forget(sagaId);
  }

  #context(sagaId: string): DecideContext {
    const { clock, newId, registry } = this.#deps;
    return { now: clock.now().toISOString(), newId, random: this.#random, messages: this.#deps.system.message, registry, sagaId };
  }

  /** The saga as stored, and as the engine should decide on it (without the outbox entries confirmed since). */
  async #read(sagaId: string): Promise<{ stored: SagaState | undefined; current: SagaState | undefined }> {
    const cached = this.#cache?.get(sagaId);
    if (cached) return { stored: cached.state, current: withoutConfirmed(cached) };
    const stored = await this.#deps.store.load(sagaId);
    return { stored, current: stored };
  }

  async #apply(sagaId: string, message: SagaInput): Promise<HandleResult> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const { stored, current } = await this.#read(sagaId);
      const decision = this.#decide(current, message, sagaId);
      if (decision.outcome === 'rejected') return { kind: 'rejected', code: decision.code, reason: decision.reason };
      if (decision.outcome === 'ignored') {
        if (!current || !stored) return { kind: 'rejected', code: 'ERR_SAGA_NOT_FOUND', reason: `no saga ${sagaId}` };
        // A redelivered message whose first delivery committed but crashed before publishing, or a
        // wake-up for a waiting outbox: send what the outbox holds now (same messageIds).
        const sent = current.outbox.length > 0 ? await this.#publish(sagaId, current) : new Set<string>();
        // Once a woken outbox is all confirmed, write it empty, or the sweeper finds it again.
        const left = current.outbox.filter((e) => !sent.has(e.envelope.messageId));
        if (message.type === 'WakeSaga' && stored.outbox.length > 0 && left.length === 0) {
          const emptied = { ...current, outbox: [], outboxSince: null, updatedAt: this.#deps.clock.now().toISOString() };
          if (!(await this.#persist(stored, emptied))) continue;
        }
        return { kind: 'ignored', sagaId, reason: decision.reason, duplicate: decision.duplicate };
      }
      const saved = await this.#persist(stored, decision.state);
      if (!saved) continue;
      crashPoint('orchestrator:after-commit');
      await this.#publish(sagaId, saved);
      crashPoint('orchestrator:before-ack');
      if (decision.outcome === 'recorded') return { kind: 'recorded', sagaId, reason: decision.reason };
      const finished = isTerminal(saved.status) && !isTerminal(current?.status ?? 'running');
      return { kind: 'applied', sagaId, status: saved.status, previous: current?.status, finished };
    }
    throw new SagaError('ERR_CONCURRENCY_CONFLICT', `saga ${sagaId} kept changing under us`, { sagaId });
  }

  /**
   * decide, with two guards the domain cannot give itself: a programmer error (a TypeError in a
   * builder or in our code) parks the saga at once instead of failing its message for minutes, and
   * a state that would outgrow the size guard parks as `too-large` instead of being written.
   */
  #decide(current: SagaState | undefined, message: SagaInput, sagaId: string): Decision {
    const context = this.#context(sagaId);
    let decision: Decision;
    try {
      decision = decide(current, message, context);
    } catch (error) {
      if (!current || isRetryable(error)) throw error;
      const { code, message: detail } = errorSummary(error);
      this.#deps.logger.error({ sagaId, code, err: detail }, 'deciding failed; parking the saga');
      return { outcome: 'applied', ...parkAtActiveStep(current, 'engine-error', `${message.type}: ${detail}`, context, { code, reason: detail }) };
    }
    if ((decision.outcome === 'applied' || decision.outcome === 'recorded') && current) {
      const size = JSON.stringify(decision.state).length;
      if (size > this.#limits.maxDocumentBytes) {
        this.#deps.logger.error({ sagaId, size }, 'saga document would be too large; parking it');
        const detail = `the saga would grow to ${size} bytes, over the ${this.#limits.maxDocumentBytes}-byte guard (${message.type} not applied)`;
        return { outcome: 'applied', ...parkAtActiveStep(current, 'too-large', detail, context) };
      }
    }
    return decision;
  }

  /** One write: insert a new saga, or a version-guarded save; history that outgrew the document is moved first. */
  async #persist(stored: SagaState | undefined, next: SagaState): Promise<SagaState | undefined> {
    const { state, spilled } = spillHistory(next, this.#limits.historyKept);
    if (spilled.length > 0) await this.#deps.history.append(state.sagaId, spilled);
    let saved: SagaState | undefined;
    if (!stored) {
      const inserted = { ...state, version: 1 };
      saved = (await this.#deps.store.insert(inserted)) === 'inserted' ? inserted : undefined;
    } else {
      const result = await this.#deps.store.save(state, stored);
      saved = result === 'saved' ? { ...state, version: stored.version + 1 } : undefined;
    }
    if (!saved) {
      this.#cache?.forget(next.sagaId);
      return undefined;
    }
    this.#cache?.set(saved, !isTerminal(saved.status));
    return saved;
  }

  /**
   * Publishes every outbox entry not yet confirmed, each on its own and all at once: one that fails
   * does not hold the others back. A confirmed entry is dropped by the saga's next write; a transient
   * failure leaves the entry for the sweeper; a failure no retry fixes is reported to the saga.
   */
  async #publish(sagaId: string, state: SagaState): Promise<Set<string>> {
    const cached = this.#cache?.get(sagaId);
    const view = cached ? withoutConfirmed(cached) : state;
    const confirmed = new Set<string>();
    if (view.outbox.length === 0) return confirmed;
    const log = this.#deps.logger.child({ sagaId });
    const results = await Promise.allSettled(view.outbox.map((entry) => this.#deps.publisher.publish(entry)));
    const unpublishable: { entry: OutboxEntry; code: string; reason: string }[] = [];
    results.forEach((result, i) => {
      const entry = view.outbox[i]!;
      if (result.status === 'fulfilled') {
        confirmed.add(entry.envelope.messageId);
        cached?.confirmed.add(entry.envelope.messageId);
        return;
      }
      const { code, message } = errorSummary(result.reason);
      if (isRetryable(result.reason)) log.warn({ code, err: message, type: entry.envelope.type }, 'publish failed; the sweeper will wake the saga to re-send');
      else unpublishable.push({ entry, code, reason: message });
    });
    if (results.some((r) => r.status === 'fulfilled')) crashPoint('orchestrator:after-publish');
    for (const failed of unpublishable) {
      log.error({ code: failed.code, err: failed.reason, type: failed.entry.envelope.type }, 'a command cannot be published; failing its step');
      await this.#apply(sagaId, { type: 'PublishFailed', internal: true, messageId: this.#deps.newId(), entryId: failed.entry.envelope.messageId, code: failed.code, reason: failed.reason });
    }
    return confirmed;
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
      schemaVersion: frameworkMessages.WakeSaga.version,
      correlationId: sagaId,
      occurredAt: now.toISOString(),
      payload: { reason },
    };
  }
}
