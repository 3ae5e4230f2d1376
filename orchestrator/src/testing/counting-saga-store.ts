import type { ActiveDefinitionCount, SagaQuery, SagaStore, SagaSummary } from '../application/ports.ts';
import type { SagaState } from '../domain/saga-state.ts';

/** Wraps a SagaStore and counts what the engine asks of it: how a test proves "one write, no read". */
export class CountingSagaStore implements SagaStore {
  readonly counts = { insert: 0, load: 0, save: 0 };
  readonly #inner: SagaStore;

  constructor(inner: SagaStore) {
    this.#inner = inner;
  }

  reset(): void {
    this.counts.insert = 0;
    this.counts.load = 0;
    this.counts.save = 0;
  }

  insert(state: SagaState): Promise<'inserted' | 'exists'> {
    this.counts.insert += 1;
    return this.#inner.insert(state);
  }

  load(sagaId: string): Promise<SagaState | undefined> {
    this.counts.load += 1;
    return this.#inner.load(sagaId);
  }

  save(next: SagaState, previous: SagaState): Promise<'saved' | 'conflict'> {
    this.counts.save += 1;
    return this.#inner.save(next, previous);
  }

  findPendingOutbox(olderThan: string, limit: number) {
    return this.#inner.findPendingOutbox(olderThan, limit);
  }

  findDue(now: string, limit: number) {
    return this.#inner.findDue(now, limit);
  }

  list(query: SagaQuery): Promise<SagaSummary[]> {
    return this.#inner.list(query);
  }

  countActive(): Promise<ActiveDefinitionCount[]> {
    return this.#inner.countActive();
  }
}
