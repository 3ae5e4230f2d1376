import { stepsOf, type AnySagaDefinition, type AnyStepDefinition, type CompensationStrategy } from './definition.ts';
import { record } from './history.ts';
import { finish, park } from './park-and-finish.ts';
import type { ParkReason, SagaState, StepFailure, StepState } from './saga-state.ts';
import { requireStep } from './saga-position.ts';
import { stopPhase, updatePhase, updateStep } from './state-updates.ts';
import { startPhase } from './step-attempt.ts';
import { only, type Transition, type TransitionContext } from './transition.ts';

export function strategyOf(definition: AnySagaDefinition): CompensationStrategy {
  return definition.compensationStrategy ?? 'sequential';
}

/** Moves the saga to `compensating` and undoes every step at or before `from` that needs it, as the strategy says. */
export function beginCompensation(state: SagaState, definition: AnySagaDefinition, from: number, causationId: string, context: TransitionContext): Transition {
  return compensateFrom({ ...state, status: 'compensating' }, definition, from, causationId, context);
}

/**
 * Sends the next compensations at or before `from`: the nearest one (sequential, best-effort), or
 * every one not yet in flight (parallel). When none is left to send or to wait for, the saga settles:
 * compensated, or parked listing the compensations that could not be done.
 */
export function compensateFrom(state: SagaState, definition: AnySagaDefinition, from: number, causationId: string, context: TransitionContext): Transition {
  const due = dueCompensations({ ...state, status: 'compensating' }, definition, from);
  if (strategyOf(definition) !== 'parallel') {
    const [next] = due;
    return next ? startPhase({ ...state, status: 'compensating' }, definition, next, 'compensation', causationId, context) : settle(state, definition, context);
  }
  let transition: Transition = { state: { ...state, status: 'compensating' }, commands: [] };
  for (const step of due.filter((name) => state.steps[name]!.status !== 'compensating')) {
    const next = startPhase(transition.state, definition, step, 'compensation', causationId, context);
    transition = { state: next.state, commands: [...transition.commands, ...next.commands] };
    if (transition.state.status !== 'compensating') return transition;
  }
  return inFlight(transition.state) ? transition : settle(transition.state, definition, context);
}

/** Steps at or before `from` that need undoing, newest first. */
function dueCompensations(state: SagaState, definition: AnySagaDefinition, from: number): string[] {
  const due: string[] = [];
  const steps = stepsOf(definition);
  for (let i = Math.min(from, steps.length - 1); i >= 0; i -= 1) {
    const stepDefinition = steps[i]!;
    const step = state.steps[stepDefinition.name];
    if (step && needsCompensation(step, stepDefinition)) due.push(stepDefinition.name);
  }
  return due;
}

/** A step is undone when it succeeded, or failed in a way that may have applied it, or its compensation is to be tried again. */
export function needsCompensation(step: StepState, definition: AnyStepDefinition): boolean {
  if (!definition.compensation) return false;
  if (step.status === 'succeeded' || step.status === 'compensating' || step.status === 'compensation-failed') return true;
  return step.status === 'failed' && step.mayHaveRun === true;
}

const inFlight = (state: SagaState) => Object.values(state.steps).some((s) => s.status === 'compensating');

/** Nothing left to send or to wait for: compensated, or parked listing the compensations that could not be done. */
function settle(state: SagaState, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const failed = stepsOf(definition).map((s) => s.name).filter((name) => state.steps[name]?.status === 'compensation-failed').reverse();
  if (failed.length === 0) return finish({ ...state, status: 'compensating' }, 'compensated', 'saga-compensated', context);
  const first = state.steps[failed[0]!]!.compensationFailure!;
  const detail = `${failed.length} compensation(s) could not be done: ${failed.map((n) => `${n} (${state.steps[n]!.compensationFailure?.code})`).join(', ')}`;
  const parked = park(state, { step: failed[0]!, phase: 'compensation' }, first.why, detail, { code: first.code, reason: first.reason }, context);
  return only({ ...parked.state, parked: { ...parked.state.parked!, failedSteps: failed } }, context);
}

/** The step's compensation is done: go on with the one before it, or wait for those still in flight. */
export function stepCompensated(state: SagaState, definition: AnySagaDefinition, step: string, replyId: string, context: TransitionContext): Transition {
  let next = updatePhase(stopPhase(state, step, 'compensation'), step, 'compensation', { lastReplyId: replyId });
  next = updateStep(next, step, { status: 'compensated', compensatedAt: context.now, compensationFailure: undefined });
  next = record(next, context, 'step-compensated', { step, phase: 'compensation', messageId: replyId });
  return afterCompensation(next, definition, step, replyId, context);
}

function afterCompensation(state: SagaState, definition: AnySagaDefinition, step: string, causationId: string, context: TransitionContext): Transition {
  if (strategyOf(definition) === 'parallel') return inFlight(state) ? only(state, context) : settle(state, definition, context);
  return compensateFrom(state, definition, requireStep(definition, step).index - 1, causationId, context);
}

/**
 * The one place that decides what a compensation that cannot be done does — out of retries,
 * failed for good, unbuildable or unpublishable: sequential compensation parks right there;
 * parallel and best-effort go on with the others and park at the end, listing every failure.
 */
export function compensationFailed(
  state: SagaState,
  definition: AnySagaDefinition,
  step: string,
  why: ParkReason,
  detail: string,
  failure: StepFailure,
  context: TransitionContext,
): Transition {
  if (strategyOf(definition) === 'sequential') return park(state, { step, phase: 'compensation' }, why, detail, failure, context);
  let next = stopPhase(state, step, 'compensation');
  next = updateStep(next, step, { status: 'compensation-failed', compensationFailure: { ...failure, why } });
  next = record(next, context, 'compensation-failed', { step, phase: 'compensation', code: failure.code, detail: `${why}: ${detail}`.slice(0, 500) });
  return afterCompensation(next, definition, step, state.startedBy, context);
}
