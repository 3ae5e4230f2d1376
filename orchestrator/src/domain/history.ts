import type { HistoryEntry, SagaState } from './saga-state.ts';
import type { TransitionContext } from './transition.ts';

type EntryFields = Omit<Partial<HistoryEntry>, 'seq' | 'at' | 'event'>;

/**
 * Appends one entry to the saga's history, numbered. The domain only appends; the engine moves all
 * but the newest entries to the history collection before it writes, so the document stays small
 * while the API still shows the whole timeline.
 */
export function record(state: SagaState, context: TransitionContext, event: HistoryEntry['event'], fields: EntryFields = {}): SagaState {
  const entry: HistoryEntry = { seq: state.historyCount, at: context.now, event };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (entry as unknown as Record<string, unknown>)[key] = value;
  return { ...state, history: [...state.history, entry], historyCount: state.historyCount + 1 };
}
