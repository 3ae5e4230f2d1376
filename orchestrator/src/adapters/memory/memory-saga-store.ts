import type { SagaQuery, SagaStore, SagaSummary } from '../../application/ports.ts';
import type { SagaState } from '../../domain/saga-state.ts';

/** In-memory SagaStore for unit tests and the test harness; passes the same contract suite as MongoDB. */
export class MemorySagaStore implements SagaStore {
  readonly #sagas = new Map<string, SagaState>();

  async insert(state: SagaState): Promise<'inserted' | 'exists'> {
    if (this.#sagas.has(state.sagaId)) return 'exists';
    this.#sagas.set(state.sagaId, structuredClone(state));
    return 'inserted';
  }

  async load(sagaId: string): Promise<SagaState | undefined> {
    const state = this.#sagas.get(sagaId);
    return state ? structuredClone(state) : undefined;
  }

  async save(state: SagaState, expectedVersion: number): Promise<'saved' | 'conflict'> {
    const current = this.#sagas.get(state.sagaId);
    if (!current || current.version !== expectedVersion) return 'conflict';
    this.#sagas.set(state.sagaId, structuredClone({ ...state, version: expectedVersion + 1 }));
    return 'saved';
  }

  async findPendingOutbox(olderThan: string, limit: number): Promise<{ sagaId: string; since: string }[]> {
    return [...this.#sagas.values()]
      .filter((s) => s.outboxSince !== null && s.outboxSince <= olderThan)
      .sort((a, b) => (a.outboxSince! < b.outboxSince! ? -1 : 1))
      .slice(0, limit)
      .map((s) => ({ sagaId: s.sagaId, since: s.outboxSince! }));
  }

  async findDue(now: string, limit: number): Promise<{ sagaId: string; wakeAt: string }[]> {
    return [...this.#sagas.values()]
      .filter((s) => typeof s.wakeAt === 'string' && s.wakeAt <= now)
      .sort((a, b) => (a.wakeAt! < b.wakeAt! ? -1 : 1))
      .slice(0, limit)
      .map((s) => ({ sagaId: s.sagaId, wakeAt: s.wakeAt! }));
  }

  async list(query: SagaQuery): Promise<SagaSummary[]> {
    return [...this.#sagas.values()]
      .filter((s) => (!query.status || s.status === query.status) && (!query.sagaType || s.sagaType === query.sagaType))
      .sort((a, b) => (a.createdAt > b.createdAt ? -1 : 1))
      .slice(0, query.limit ?? 50)
      .map(({ sagaId, sagaType, status, createdAt, updatedAt }) => ({ sagaId, sagaType, status, createdAt, updatedAt }));
  }
}
