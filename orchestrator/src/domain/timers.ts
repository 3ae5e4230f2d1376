import type { AnySagaDefinition } from './definition.ts';
import { record } from './history.ts';
import type { SagaState } from './saga-state.ts';
import { activeStep, pastPivot } from './saga-position.ts';
import { phaseOf } from './state-updates.ts';
import { sendAttempt } from './step-attempt.ts';
import { attemptFailed, stepFailed } from './step-failure.ts';
import { only, type Transition, type TransitionContext } from './transition.ts';

/**
 * Timers are data in the saga document — a retry time and an attempt's timeout on the active
 * phase, the saga's deadline — and `wakeAt` is the earliest of them. A sweeper wakes sagas whose
 * `wakeAt` has passed; `onWake` fires whatever is due. Nothing lives in memory, so a restart loses
 * no timer; waking a saga with nothing due changes nothing (undefined).
 */
export function onWake(state: SagaState, definition: AnySagaDefinition, context: TransitionContext): Transition | undefined {
  if (state.status !== 'running' && state.status !== 'compensating') return undefined;
  const now = Date.parse(context.now);
  if (state.status === 'running' && state.deadlineAt && Date.parse(state.deadlineAt) <= now && !pastPivot(state, definition)) {
    return deadlinePassed(state, definition, context);
  }
  const active = activeStep(state);
  if (!active) return undefined;
  const phase = phaseOf(active.step, active.phase);
  if (!phase) return undefined;
  if (phase.retryAt && Date.parse(phase.retryAt) <= now) {
    return sendAttempt(state, definition, active.name, active.phase, phase.commandIds.at(-1) ?? state.startedBy, context);
  }
  if (phase.timeoutAt && Date.parse(phase.timeoutAt) <= now) {
    const timedOut = record(state, context, 'step-timed-out', { step: active.name, phase: active.phase, attempt: phase.attempt, code: 'TIMEOUT' });
    const failure = { code: 'TIMEOUT', reason: `no reply to ${active.phase} attempt ${phase.attempt} by ${phase.timeoutAt}` };
    return attemptFailed(timedOut, definition, active.name, active.phase, failure, { mayHaveRun: true }, context);
  }
  return undefined;
}

/**
 * The deadline passed before the pivot: abandon the step in flight and compensate. The abandoned
 * attempt may still run, so it counts as one that may have run (a pivot in flight then parks).
 */
function deadlinePassed(state: SagaState, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const logged = record(state, context, 'deadline-passed', { detail: `deadline ${state.deadlineAt}` });
  const active = activeStep(logged);
  if (!active || active.phase !== 'action') return only(logged, context);
  const inFlight = active.step.action?.timeoutAt !== undefined || active.step.mayHaveRun === true;
  const failure = { code: 'DEADLINE_EXCEEDED', reason: `the saga did not pass its pivot by ${state.deadlineAt}` };
  return stepFailed(logged, definition, active.name, failure, { mayHaveRun: inFlight }, context);
}

/** The earliest timer of a saga that is moving; null when it waits for nothing (terminal, parked). */
export function nextWakeAt(state: SagaState, definition: AnySagaDefinition | undefined): string | null {
  if (state.status !== 'running' && state.status !== 'compensating') return null;
  let earliest: string | null = null;
  const consider = (time: string | undefined) => {
    if (time && (earliest === null || Date.parse(time) < Date.parse(earliest))) earliest = time;
  };
  for (const step of Object.values(state.steps)) {
    for (const phase of [step.action, step.compensation]) {
      consider(phase?.retryAt);
      consider(phase?.timeoutAt);
    }
  }
  if (state.status === 'running' && definition && !pastPivot(state, definition)) consider(state.deadlineAt);
  return earliest;
}
