import { buildCommand } from './build-command.ts';
import type { AnySagaDefinition } from './definition.ts';
import { record } from './history.ts';
import { enqueue } from './outbox.ts';
import { compensationFailed } from './compensation.ts';
import { RECENT_ATTEMPTS, type Phase, type PhaseState, type SagaState } from './saga-state.ts';
import { policyOf, requireStep } from './saga-position.ts';
import { phaseOf, updatePhase, updateStep } from './state-updates.ts';
import { stepFailed } from './step-failure.ts';
import { addMs, type Transition, type TransitionContext } from './transition.ts';

/** Starts a phase of a step with a fresh budget (a new step, a compensation, an operator's retry after parking). */
export function startPhase(state: SagaState, definition: AnySagaDefinition, step: string, phase: Phase, causationId: string, context: TransitionContext): Transition {
  const fresh = updatePhase(state, step, phase, { budget: { used: 0, startedAt: context.now }, retryAt: undefined, timeoutAt: undefined });
  return sendAttempt(fresh, definition, step, phase, causationId, context);
}

/**
 * Sends one attempt of a step's action or compensation — one function over the phase: a new
 * command message counted against the phase's budget, with the time it must start by and the time
 * we give up on it. A command that cannot be built fails the step through the one failure path
 * (an action) or parks the saga (a compensation), whichever attempt it is.
 */
export function sendAttempt(state: SagaState, definition: AnySagaDefinition, step: string, phase: Phase, causationId: string, context: TransitionContext): Transition {
  const { definition: stepDefinition } = requireStep(definition, step);
  const spec = phase === 'action' ? stepDefinition.action : stepDefinition.compensation;
  if (!spec) throw new RangeError(`step ${step} has no ${phase}`);
  const policy = policyOf(definition, step, phase);
  const built = buildCommand(spec, step, phase, state, causationId, policy.startWithinMs, context);
  const current = state.steps[step]!;
  if (!built.ok) {
    if (phase === 'action') return stepFailed(state, definition, step, built.failure, { mayHaveRun: current.mayHaveRun === true }, context);
    return compensationFailed(state, definition, step, 'compensation-unbuildable', `the compensation of ${step} cannot be built: ${built.failure.reason}`, built.failure, context);
  }
  const { envelope } = built;
  const before: PhaseState = phaseOf(current, phase) ?? { attempt: 0, commandIds: [], budget: { used: 0, startedAt: context.now } };
  const attempt = before.attempt + 1;
  let next = updatePhase(state, step, phase, {
    attempt,
    commandIds: [...before.commandIds, envelope.messageId].slice(-RECENT_ATTEMPTS),
    budget: { ...before.budget, used: before.budget.used + 1 },
    sentAt: context.now,
    expiresAt: envelope.expiresAt,
    timeoutAt: addMs(envelope.expiresAt!, policy.timeoutMs),
    retryAt: undefined,
  });
  next = updateStep(next, step, {
    status: phase === 'action' ? 'running' : 'compensating',
    ...(phase === 'action' && !current.startedAt ? { startedAt: context.now } : {}),
  });
  next = { ...next, status: phase === 'action' ? 'running' : 'compensating' };
  next = record(next, context, phase === 'action' ? 'step-started' : 'compensation-started', { step, phase, attempt, messageId: envelope.messageId });
  return enqueue(next, { to: stepDefinition.participant, step, phase, envelope }, context);
}
