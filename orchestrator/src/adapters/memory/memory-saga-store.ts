import type { ActiveDefinitionCount, SagaQuery, SagaStore, SagaSummary } from '../../application/ports.ts';
import { isTerminal, type SagaState } from '../../domain/saga-state.ts';

/** In-memory SagaStore for unit tests, the test harness and the sandbox; passes the same contract suite as MongoDB. */
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

  async save(next: SagaState, previous: SagaState): Promise<'saved' | 'conflict'> {
    const current = this.#sagas.get(next.sagaId);
    if (!current || current.version !== previous.version) return 'conflict';
    this.#sagas.set(next.sagaId, structuredClone({ ...next, version: previous.version + 1 }));
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
      .map(summaryOf);
  }

  async countActive(): Promise<ActiveDefinitionCount[]> {
    const counts = new Map<string, ActiveDefinitionCount>();
    for (const s of this.#sagas.values()) {
      if (isTerminal(s.status)) continue;
      const key = `${s.sagaType}@${s.definitionVersion}`;
      const count = counts.get(key) ?? { sagaType: s.sagaType, definitionVersion: s.definitionVersion, count: 0 };
      counts.set(key, { ...count, count: count.count + 1 });
    }
    return [...counts.values()];
  }
}

export function summaryOf(s: SagaState): SagaSummary {
  return {
    sagaId: s.sagaId,
    sagaType: s.sagaType,
    definitionVersion: s.definitionVersion,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(s.parked ? { parked: s.parked } : {}),
    ...(s.failure ? { failure: s.failure } : {}),
  };
}
