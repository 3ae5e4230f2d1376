import type { HistoryEntry, SagaState } from '../domain/saga-state.ts';

/**
 * Keeps the newest `keep` history entries in the document once it holds more than twice that,
 * returning the rest for the history collection. Spilling in halves means a saga writes to the
 * history collection once every `keep` entries, not on every transition — and a happy saga, whose
 * whole history fits, never does.
 */
export function spillHistory(state: SagaState, keep: number): { state: SagaState; spilled: HistoryEntry[] } {
  if (state.history.length <= keep * 2) return { state, spilled: [] };
  const cut = state.history.length - keep;
  return { state: { ...state, history: state.history.slice(cut) }, spilled: state.history.slice(0, cut) };
}

/** The whole timeline: the moved entries, then the document's own, each once, in order. */
export function mergeHistory(moved: readonly HistoryEntry[], recent: readonly HistoryEntry[]): HistoryEntry[] {
  const bySeq = new Map<number, HistoryEntry>();
  for (const entry of [...moved, ...recent]) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
