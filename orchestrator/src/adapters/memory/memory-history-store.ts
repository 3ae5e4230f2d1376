import type { HistoryStore } from '../../application/ports.ts';
import type { HistoryEntry } from '../../domain/saga-state.ts';

/** In-memory HistoryStore; passes the same contract suite as MongoDB. */
export class MemoryHistoryStore implements HistoryStore {
  readonly #entries = new Map<string, Map<number, HistoryEntry>>();

  async append(sagaId: string, entries: readonly HistoryEntry[]): Promise<void> {
    const saga = this.#entries.get(sagaId) ?? new Map<number, HistoryEntry>();
    for (const entry of entries) if (!saga.has(entry.seq)) saga.set(entry.seq, structuredClone(entry));
    this.#entries.set(sagaId, saga);
  }

  async read(sagaId: string): Promise<HistoryEntry[]> {
    return [...(this.#entries.get(sagaId)?.values() ?? [])].sort((a, b) => a.seq - b.seq).map((e) => structuredClone(e));
  }
}
