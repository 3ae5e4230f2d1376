import type { AnySagaDefinition } from './definition.ts';
import type { SagaState, StepFailure } from './saga-state.ts';
import {
  actionFailed,
  activeStepIndex,
  entry,
  park,
  pastPivot,
  policyOf,
  retryOrExhaust,
  sendAction,
  sendCompensation,
  touch,
  updateStep,
  withHistory,
  type Transition,
  type TransitionContext,
} from './transitions.ts';

/**
 * Timers are data in the saga document — a retry time and an attempt's timeout on the active step,
 * the saga's deadline — and `wakeAt` is the earliest of them. A sweeper finds sagas whose `wakeAt`
 * has passed and wakes them; `onWake` then fires whatever is due. Nothing lives in memory, so a
 * restart loses no timer; waking a saga with nothing due changes nothing.
 */
export function onWake(state: SagaState, definition: AnySagaDefinition, context: TransitionContext): Transition | undefined {
  if (state.status !== 'running' && state.status !== 'compensating') return undefined;
  const now = Date.parse(context.now);
  if (state.status === 'running' && state.deadlineAt && Date.parse(state.deadlineAt) <= now && !pastPivot(state, definition)) {
    return deadlinePassed(state, definition, context);
  }
  const index = activeStepIndex(state);
  const step = state.steps[index];
  if (!step) return undefined;
  const phase = step.status === 'compensating' ? 'compensation' : 'action';
  if (step.retryAt && Date.parse(step.retryAt) <= now) {
    const causation = (phase === 'action' ? step.commandId : step.compensationId) ?? state.startedBy;
    return phase === 'action' ? sendAction(state, index, definition, causation, context) : sendCompensation(state, index, definition, causation, context);
  }
  if (step.timeoutAt && Date.parse(step.timeoutAt) <= now) {
    const timeoutMs = policyOf(definition, index, phase).timeoutMs;
    const failure: StepFailure = { code: 'TIMEOUT', reason: `no reply to the ${phase} within ${timeoutMs} ms` };
    const timedOut = withHistory(updateStep(state, index, { mayHaveRun: phase === 'action' ? true : step.mayHaveRun }), entry(context, 'step-timed-out', { step: step.name, detail: `${phase}, attempt ${step.budget?.used ?? 1}` }));
    return failedAttempt(timedOut, index, phase, failure, definition, context);
  }
  return undefined;
}

/**
 * One attempt failed transiently (a retryable failure reply or a timeout): retry within the budget;
 * once it is spent, an action fails for good and a compensation parks the saga.
 */
export function failedAttempt(
  state: SagaState,
  index: number,
  phase: 'action' | 'compensation',
  failure: StepFailure,
  definition: AnySagaDefinition,
  context: TransitionContext,
  messageId?: string,
): Transition {
  const outcome = retryOrExhaust(state, index, phase, failure, definition, context);
  if (outcome.kind === 'scheduled') return { state: touch(outcome.state, context), commands: [] };
  const step = outcome.state.steps[index]!;
  const attempts = step.budget?.used ?? 1;
  if (phase === 'compensation') {
    return park(outcome.state, index, 'compensation', `compensation of ${step.name} failed ${attempts} time(s) and is out of retries (${failure.code})`, failure, context);
  }
  const exhausted: StepFailure = { code: 'RETRIES_EXHAUSTED', reason: `${attempts} attempt(s) failed; last: ${failure.code}: ${failure.reason}`.slice(0, 500) };
  return actionFailed(outcome.state, index, exhausted, { mayHaveRun: step.mayHaveRun === true, lastError: failure, ...(messageId ? { messageId } : {}) }, definition, context);
}

/**
 * The deadline passed before the pivot: abandon the step in flight and compensate. The abandoned
 * step may still run late, so it is compensated too (its compensation copes with "never ran").
 */
function deadlinePassed(state: SagaState, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const index = activeStepIndex(state);
  const logged = withHistory(state, entry(context, 'deadline-passed', { detail: `deadline ${state.deadlineAt}` }));
  const failure: StepFailure = { code: 'DEADLINE_EXCEEDED', reason: `the saga did not pass its pivot by ${state.deadlineAt}` };
  if (index < 0) return { state: touch(logged, context), commands: [] };
  const step = logged.steps[index]!;
  const inFlight = step.timeoutAt !== undefined || step.mayHaveRun === true;
  return actionFailed(logged, index, failure, { mayHaveRun: inFlight }, definition, context);
}

/** The earliest timer of a saga that is moving; null when it waits for nothing (terminal, parked). */
export function nextWakeAt(state: SagaState, definition: AnySagaDefinition | undefined): string | null {
  if (state.status !== 'running' && state.status !== 'compensating') return null;
  const times: string[] = [];
  for (const step of state.steps) {
    if (step.retryAt) times.push(step.retryAt);
    if (step.timeoutAt) times.push(step.timeoutAt);
  }
  if (state.status === 'running' && state.deadlineAt && definition && !pastPivot(state, definition)) times.push(state.deadlineAt);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}
