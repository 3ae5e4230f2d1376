import type { AnyMessage } from '@saga/contracts';
import { KeyedSerializer, SagaError, crashPoint, errorSummary, type Logger } from '@saga/runtime';
import type { AnySagaDefinition } from '../domain/definition.ts';
import { decide } from '../domain/decide.ts';
import { TERMINAL_STATUSES, type SagaState } from '../domain/saga-state.ts';
import type { Clock, CommandPublisher, SagaStore } from './ports.ts';
import { resolveSagaId } from './resolve-saga-id.ts';

export interface SagaEngineDeps {
  store: SagaStore;
  publisher: CommandPublisher;
  clock: Clock;
  newId(): string;
  /** Name-based id derivation (uuid v5) for idempotent starts. */
  deriveId(name: string): string;
  definitions: ReadonlyMap<string, AnySagaDefinition>;
  logger: Logger;
}

export type HandleResult =
  /** `finished`: this message moved the saga into a terminal status. */
  | { kind: 'applied'; sagaId: string; status: SagaState['status']; finished: boolean }
  | { kind: 'ignored'; sagaId: string; reason: string; duplicate: boolean }
  | { kind: 'rejected'; code: string; reason: string };

/** How often a version conflict is retried (reload, decide again) before giving up. */
const MAX_CONFLICT_RETRIES = 5;

/**
 * Applies messages to sagas: load, decide, persist (version-guarded), then publish the outbox.
 * Messages of one saga are applied one at a time (KeyedSerializer), so this process is the only
 * writer of a saga document while it works on it; the version check fences anyone else.
 */
export class SagaEngine {
  readonly #deps: SagaEngineDeps;
  readonly #serializer = new KeyedSerializer();
  #relaying = false;

  constructor(deps: SagaEngineDeps) {
    this.#deps = deps;
  }

  handle(message: AnyMessage): Promise<HandleResult> {
    const sagaId = message.type === 'StartSaga' ? resolveSagaId(message, this.#deps.deriveId) : message.correlationId;
    if (!sagaId) return Promise.resolve({ kind: 'rejected', code: 'ERR_INVALID_MESSAGE', reason: 'a reply needs a correlationId' });
    return this.#serializer.run(sagaId, () => this.#apply(sagaId, message));
  }

  async #apply(sagaId: string, message: AnyMessage): Promise<HandleResult> {
    const { store, clock, newId, definitions } = this.#deps;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const current = await store.load(sagaId);
      const decision = decide(current, message, { now: clock.now().toISOString(), newId, definitions, sagaId });
      if (decision.outcome === 'rejected') return { kind: 'rejected', code: decision.code, reason: decision.reason };
      if (decision.outcome === 'ignored') {
        if (!current) return { kind: 'rejected', code: 'ERR_SAGA_NOT_FOUND', reason: `no saga ${sagaId}` };
        // A redelivered message whose first delivery committed but crashed before publishing:
        // the outbox still holds the commands, so send them now rather than wait for the relay.
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
      return { kind: 'applied', sagaId, status: saved.status, finished };
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
   * leaves the entries in place for the relay; a re-send keeps the messageId, so receivers
   * de-duplicate it.
   */
  /** @returns whether every entry was confirmed. */
  async #flush(state: SagaState): Promise<boolean> {
    if (state.outbox.length === 0) return true;
    const log = this.#deps.logger.child({ sagaId: state.sagaId });
    try {
      for (const entry of state.outbox) await this.#deps.publisher.publish(entry);
      crashPoint('orchestrator:after-publish');
    } catch (error) {
      log.warn({ err: errorSummary(error).message, pending: state.outbox.length }, 'publish failed; the outbox relay will re-send');
      return false;
    }
    const result = await this.#deps.store.save({ ...state, outbox: [], outboxSince: null }, state.version);
    if (result === 'conflict') log.warn('outbox published but the saga changed meanwhile; the relay may re-send (receivers de-duplicate)');
    return true;
  }

  /**
   * Re-sends outboxes that have waited longer than `graceMs`, in batches of `batch` until none is
   * left or a batch sends nothing (the broker is away); returns how many sagas it flushed. A call
   * made while another runs returns 0 at once, so a slow broker cannot pile relays up.
   */
  async relayPending(graceMs: number, batch = 100): Promise<number> {
    if (this.#relaying) return 0;
    this.#relaying = true;
    try {
      let flushed = 0;
      for (;;) {
        const olderThan = new Date(this.#deps.clock.now().getTime() - graceMs).toISOString();
        const ids = await this.#deps.store.findPendingOutbox(olderThan, batch);
        let sent = 0;
        for (const id of ids) {
          await this.#serializer.run(id, async () => {
            const state = await this.#deps.store.load(id);
            if (state && state.outbox.length > 0 && (await this.#flush(state))) sent += 1;
          });
        }
        flushed += sent;
        if (ids.length < batch || sent === 0) return flushed;
      }
    } finally {
      this.#relaying = false;
    }
  }
}
