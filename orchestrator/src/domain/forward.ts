import type { AnySagaDefinition } from './definition.ts';
import { record } from './history.ts';
import { finish } from './park-and-finish.ts';
import type { SagaState } from './saga-state.ts';
import { requireStep } from './saga-position.ts';
import { stopPhase, updatePhase, updateStep } from './state-updates.ts';
import { startPhase } from './step-attempt.ts';
import type { Transition, TransitionContext } from './transition.ts';

/** The step's action succeeded: keep its result and start the next step. */
export function stepSucceeded(state: SagaState, definition: AnySagaDefinition, step: string, result: unknown, replyId: string, context: TransitionContext): Transition {
  let next = updatePhase(stopPhase(state, step, 'action'), step, 'action', { lastReplyId: replyId });
  next = updateStep(next, step, { status: 'succeeded', result, finishedAt: context.now });
  next = record(next, context, 'step-succeeded', { step, phase: 'action', messageId: replyId });
  return forwardFrom(next, definition, requireStep(definition, step).index + 1, replyId, context);
}

/** Starts the first pending step at or after `from`, in the definition's order; none left → completed. */
export function forwardFrom(state: SagaState, definition: AnySagaDefinition, from: number, causationId: string, context: TransitionContext): Transition {
  for (let i = from; i < definition.steps.length; i += 1) {
    const name = definition.steps[i]!.name;
    if (state.steps[name]?.status === 'pending') return startPhase(state, definition, name, 'action', causationId, context);
  }
  return finish({ ...state, status: 'running' }, 'completed', 'saga-completed', context);
}
