import type { SagaState } from '../domain/saga-state.ts';

interface Cached {
  /** The saga as last written by this instance. */
  state: SagaState;
  /** Outbox entries of `state` the broker has confirmed since; the next write drops them. */
  confirmed: Set<string>;
}

/**
 * The sagas this instance wrote last, so that applying the next message to them needs no read.
 * Valid only while this instance is the saga's one writer (it consumes the saga's partition); the
 * version check on every write stays the fence, and a conflict drops the entry. Bounded: the
 * oldest entries go first, and a saga that has ended is not kept.
 */
export class SagaCache {
  readonly #entries = new Map<string, Cached>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get(sagaId: string): Cached | undefined {
    return this.#entries.get(sagaId);
  }

  set(state: SagaState, keep: boolean): Cached {
    this.#entries.delete(state.sagaId);
    const entry = { state, confirmed: new Set<string>() };
    if (!keep) return entry;
    this.#entries.set(state.sagaId, entry);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }

  forget(sagaId?: string): void {
    if (sagaId === undefined) this.#entries.clear();
    else this.#entries.delete(sagaId);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The saga as the engine should see it: confirmed outbox entries are gone (the next write drops them too). */
export function withoutConfirmed(entry: Cached): SagaState {
  if (entry.confirmed.size === 0) return entry.state;
  const outbox = entry.state.outbox.filter((e) => !entry.confirmed.has(e.envelope.messageId));
  return { ...entry.state, outbox, outboxSince: outbox.length === 0 ? null : entry.state.outboxSince };
}
