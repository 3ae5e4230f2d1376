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
  // Usually one step is in flight; parallel compensation has several, each with its own timers.
  let transition: Transition | undefined;
  for (const [name, step] of Object.entries(state.steps)) {
    const phaseName = step.status === 'running' ? 'action' : step.status === 'compensating' ? 'compensation' : undefined;
    const current = transition?.state ?? state;
    if (!phaseName || (current.status !== 'running' && current.status !== 'compensating')) continue;
    const fired = fireDue(current, definition, name, phaseName, now, context);
    if (fired) transition = { state: fired.state, commands: [...(transition?.commands ?? []), ...fired.commands] };
  }
  return transition;
}

/** Fires the due timer of one phase of one step: the retry is sent, or the attempt counts as timed out. */
function fireDue(state: SagaState, definition: AnySagaDefinition, step: string, phaseName: 'action' | 'compensation', now: number, context: TransitionContext): Transition | undefined {
  const phase = phaseOf(state.steps[step]!, phaseName);
  if (!phase) return undefined;
  if (phase.retryAt && Date.parse(phase.retryAt) <= now) {
    return sendAttempt(state, definition, step, phaseName, phase.commandIds.at(-1) ?? state.startedBy, context);
  }
  if (phase.timeoutAt && Date.parse(phase.timeoutAt) <= now) {
    const timedOut = record(state, context, 'step-timed-out', { step, phase: phaseName, attempt: phase.attempt, code: 'TIMEOUT' });
    const failure = { code: 'TIMEOUT', reason: `no reply to ${phaseName} attempt ${phase.attempt} by ${phase.timeoutAt}` };
    return attemptFailed(timedOut, definition, step, phaseName, failure, { mayHaveRun: true }, context);
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
