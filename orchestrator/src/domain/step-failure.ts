import { beginCompensation, compensationFailed } from './compensation.ts';
import type { AnySagaDefinition } from './definition.ts';
import { record } from './history.ts';
import { pruneOutbox } from './outbox.ts';
import { park } from './park-and-finish.ts';
import { nextAttemptAt } from './retry-policy.ts';
import type { Phase, SagaState, StepFailure } from './saga-state.ts';
import { policyOf, requireStep } from './saga-position.ts';
import { phaseOf, stopPhase, updatePhase, updateStep } from './state-updates.ts';
import { only, type Transition, type TransitionContext } from './transition.ts';

export interface AttemptFailure {
  /** True when the failed attempt may still have applied its effect (a timeout, a transient or defective failure). */
  mayHaveRun: boolean;
  /** The attempt did not happen at all (its command expired unstarted): it does not use up an attempt. */
  notStarted?: boolean;
  /** Stretches the backoff, for a participant whose queue is too deep to start commands in time. */
  backoffFactor?: number;
}

/**
 * The attempt in flight failed transiently (a retryable failure reply, a timeout, an expiry):
 * schedule the next attempt within the phase's budget; once the budget is spent the phase fails
 * for good — an action through `stepFailed`, a compensation by parking the saga.
 */
export function attemptFailed(
  state: SagaState,
  definition: AnySagaDefinition,
  step: string,
  phase: Phase,
  failure: StepFailure,
  how: AttemptFailure,
  context: TransitionContext,
): Transition {
  let next = phase === 'action' && how.mayHaveRun ? updateStep(state, step, { mayHaveRun: true }) : state;
  const current = phaseOf(next.steps[step]!, phase)!;
  const budget = how.notStarted ? { ...current.budget, used: Math.max(0, current.budget.used - 1) } : current.budget;
  const policy = policyOf(definition, step, phase).retry;
  const retryAt = nextAttemptAt(policy, budget, context.now, context.random, how.backoffFactor ?? 1);
  next = updatePhase(next, step, phase, { budget, lastError: failure, timeoutAt: undefined, retryAt });
  if (retryAt) {
    const detail = `${phase} attempt ${current.attempt} failed (${failure.code}); next at ${retryAt}`;
    return only(pruneOutbox(record(next, context, 'step-retry-scheduled', { step, phase, attempt: current.attempt, code: failure.code, detail })), context);
  }
  const attempts = current.attempt;
  if (phase === 'compensation') {
    return compensationFailed(next, definition, step, 'compensation-exhausted', `the compensation of ${step} failed ${attempts} time(s) and is out of retries (${failure.code}: ${failure.reason})`, failure, context);
  }
  const exhausted: StepFailure = { code: 'RETRIES_EXHAUSTED', reason: `${attempts} attempt(s) failed; last: ${failure.code}: ${failure.reason}`.slice(0, 500) };
  return stepFailed(next, definition, step, exhausted, { mayHaveRun: next.steps[step]!.mayHaveRun === true, lastError: failure }, context);
}

export interface StepFailureOptions {
  /** Whether the action may have applied its effect despite failing; decides whether it is compensated too. */
  mayHaveRun: boolean;
  /** The error behind `failure` when it summarises several (e.g. the last attempt's, for RETRIES_EXHAUSTED). */
  lastError?: StepFailure;
  messageId?: string;
  /** An operator forces compensation: the pivot's unknown outcome is theirs to judge, so it does not park. */
  forced?: boolean;
}

/**
 * The one failure path of an action. Every way a step's action can fail for good — a refusal, its
 * retries or timeouts spent, the deadline, a command that cannot be built or published, an
 * operator forcing compensation — comes here, and this is the only place that decides: compensate
 * the completed steps in reverse (this one too when it may have run), or park when nothing can be
 * undone (after the pivot) or the pivot's outcome is unknown.
 */
export function stepFailed(state: SagaState, definition: AnySagaDefinition, step: string, failure: StepFailure, options: StepFailureOptions, context: TransitionContext): Transition {
  const { index, definition: stepDefinition } = requireStep(definition, step);
  const lastError = options.lastError ?? failure;
  if (stepDefinition.kind === 'retriable') {
    return park(state, { step, phase: 'action' }, 'forward-step-failed', `${step} failed after the pivot (${lastError.code}: ${lastError.reason}); it cannot be compensated`, lastError, context);
  }
  if (stepDefinition.kind === 'pivot' && options.mayHaveRun && !options.forced) {
    return park(state, { step, phase: 'action' }, 'pivot-outcome-unknown', `the outcome of the pivot ${step} is unknown (${lastError.code}: ${lastError.reason})`, lastError, context);
  }
  let next = stopPhase(state, step, 'action');
  next = updateStep(next, step, { status: 'failed', failure, finishedAt: context.now, mayHaveRun: options.mayHaveRun || undefined });
  next = record({ ...next, failure: { ...failure, step } }, context, 'step-failed', { step, phase: 'action', code: lastError.code, messageId: options.messageId, detail: failure.reason });
  return beginCompensation(next, definition, index, options.messageId ?? next.startedBy, context);
}
