import type { AnySagaDefinition, StepDefinition } from './definition.ts';
import { record } from './history.ts';
import { finish } from './park-and-finish.ts';
import type { SagaState, StepState } from './saga-state.ts';
import { requireStep } from './saga-position.ts';
import { stopPhase, updatePhase, updateStep } from './state-updates.ts';
import { startPhase } from './step-attempt.ts';
import type { Transition, TransitionContext } from './transition.ts';

/** Moves the saga to `compensating` and undoes, newest first, every step at or before `from` that needs it. */
export function beginCompensation(state: SagaState, definition: AnySagaDefinition, from: number, causationId: string, context: TransitionContext): Transition {
  return compensateFrom({ ...state, status: 'compensating' }, definition, from, causationId, context);
}

/** Sends the compensation of the nearest step at or before `from` that needs one; none left → compensated. */
export function compensateFrom(state: SagaState, definition: AnySagaDefinition, from: number, causationId: string, context: TransitionContext): Transition {
  for (let i = from; i >= 0; i -= 1) {
    const stepDefinition = definition.steps[i]! as StepDefinition<unknown>;
    const step = state.steps[stepDefinition.name];
    if (step && needsCompensation(step, stepDefinition)) return startPhase({ ...state, status: 'compensating' }, definition, stepDefinition.name, 'compensation', causationId, context);
  }
  return finish({ ...state, status: 'compensating' }, 'compensated', 'saga-compensated', context);
}

/** A step is undone when it succeeded, or failed in a way that may have applied it. */
export function needsCompensation(step: StepState, definition: StepDefinition<unknown>): boolean {
  if (!definition.compensation) return false;
  return step.status === 'succeeded' || step.status === 'compensating' || (step.status === 'failed' && step.mayHaveRun === true);
}

/** The step's compensation is done: go on with the one before it. */
export function stepCompensated(state: SagaState, definition: AnySagaDefinition, step: string, replyId: string, context: TransitionContext): Transition {
  let next = updatePhase(stopPhase(state, step, 'compensation'), step, 'compensation', { lastReplyId: replyId });
  next = updateStep(next, step, { status: 'compensated', compensatedAt: context.now });
  next = record(next, context, 'step-compensated', { step, phase: 'compensation', messageId: replyId });
  return compensateFrom(next, definition, requireStep(definition, step).index - 1, replyId, context);
}
