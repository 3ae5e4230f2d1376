import { record } from './history.ts';
import type { HistoryEntry, ParkReason, Phase, SagaState, StepFailure } from './saga-state.ts';
import { only, type Transition, type TransitionContext } from './transition.ts';

/** Every phase of every step stops waiting: no timeout, no retry. */
function stopAllTimers(state: SagaState): SagaState {
  const steps = Object.fromEntries(
    Object.entries(state.steps).map(([name, step]) => {
      const stopped = { ...step };
      if (step.action) stopped.action = withoutTimers(step.action);
      if (step.compensation) stopped.compensation = withoutTimers(step.compensation);
      return [name, stopped];
    }),
  );
  return { ...state, steps };
}

function withoutTimers<T extends { timeoutAt?: string; retryAt?: string }>(phase: T): T {
  const { timeoutAt: _timeout, retryAt: _retry, ...rest } = phase;
  return rest as T;
}

/**
 * Stops the saga's timers and waits for an operator, recording why and where: the phase recorded
 * here is the one every operator action resumes. What the outbox still held is not sent.
 */
export function park(state: SagaState, at: { step?: string; phase?: Phase }, reason: ParkReason, detail: string, lastError: StepFailure | undefined, context: TransitionContext): Transition {
  const parked = { reason, detail: detail.slice(0, 500), ...at, ...(lastError ? { lastError } : {}), at: context.now };
  const stopped = { ...stopAllTimers(state), status: 'parked' as const, parked, outbox: [], outboxSince: null };
  return only(record(stopped, context, 'saga-parked', { ...at, code: lastError?.code, detail: `${reason}: ${parked.detail}` }), context);
}

/** Ends the saga: every timer stops, and what it had not yet sent is not sent any more. */
export function finish(
  state: SagaState,
  status: 'completed' | 'compensated' | 'resolved' | 'failed',
  event: HistoryEntry['event'],
  context: TransitionContext,
  fields: Omit<Partial<HistoryEntry>, 'seq' | 'at' | 'event'> = {},
): Transition {
  const { parked: _parked, ...rest } = stopAllTimers(state);
  const done: SagaState = { ...rest, status, outbox: [], outboxSince: null, finishedAt: context.now };
  return only(record(done, context, event, fields), context);
}
