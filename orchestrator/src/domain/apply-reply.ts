import type { WireMessage } from '@saga/contracts';
import { compensationFailed, stepCompensated } from './compensation.ts';
import type { AnySagaDefinition } from './definition.ts';
import type { Decision } from './decision.ts';
import { forwardDecision, recorded } from './decision.ts';
import { stepSucceeded } from './forward.ts';
import { record } from './history.ts';
import { isTerminal, type Phase, type SagaState, type StepFailure } from './saga-state.ts';
import { requireStep } from './saga-position.ts';
import { phaseOf, updatePhase } from './state-updates.ts';
import { attemptFailed, stepFailed } from './step-failure.ts';
import type { TransitionContext } from './transition.ts';

/** The generic reply a participant sends when a command reached it after its `expiresAt`: it did not run. */
export const COMMAND_EXPIRED = 'CommandExpired';

/** How a participant's failure reply describes itself (FailureReason). */
type FailureKind = 'refused' | 'transient' | 'error';

function failureOf(payload: unknown, type: string): StepFailure & { kind: FailureKind } {
  const p = payload as { code?: string; reason?: string; retryable?: boolean; kind?: FailureKind };
  const kind: FailureKind = p.kind ?? (p.retryable === true ? 'transient' : 'refused');
  return { code: p.code ?? 'UNKNOWN', reason: p.reason ?? type, kind };
}

/**
 * A participant's reply. It must answer a command this saga sent for that step — any of the
 * phase's recent attempts, since a late success of an earlier attempt is as real as the latest one —
 * and the step must still be in the phase the reply belongs to. Anything else is recorded and
 * ignored: a late or stray reply is never applied over newer state. A redelivery of the reply last
 * applied is recognised by its id, which participants derive from the command's.
 */
export function applyReply(state: SagaState, message: WireMessage, definition: AnySagaDefinition, context: TransitionContext): Decision {
  const contract = context.messages(message.type);
  const expired = message.type === COMMAND_EXPIRED;
  const name = message.step;
  const step = name ? state.steps[name] : undefined;
  const causation = message.causationId;
  const phase: Phase | undefined =
    !step || !causation ? undefined : step.action?.commandIds.includes(causation) ? 'action' : step.compensation?.commandIds.includes(causation) ? 'compensation' : undefined;
  if (!contract || contract.kind !== 'reply' || !step || !name || !phase) return recorded(state, message, context, 'reply to no recent command of this saga');
  const attempts = phaseOf(step, phase)!;
  if (attempts.lastReplyId === message.messageId) return { outcome: 'ignored', reason: 'duplicate reply', duplicate: true };
  if (isTerminal(state.status) || state.status === 'parked') return recorded(state, message, context, `the saga is ${state.status}`, name);
  const stepDefinition = requireStep(definition, name).definition;
  const command = phase === 'action' ? stepDefinition.action.command : stepDefinition.compensation?.command;
  if (!expired && contract.answers !== command) return recorded(state, message, context, `${message.type} does not answer ${command ?? 'this step'}`, name);
  const waiting = phase === 'action' ? 'running' : 'compensating';
  if (step.status !== waiting) return recorded(state, message, context, `step ${name} is ${step.status}, not ${waiting}`, name);
  // Only the attempt in flight can fail transiently: an earlier attempt's failure, or one that already timed out (a retry is scheduled), is stale.
  const inFlight = causation === attempts.commandIds.at(-1) && attempts.timeoutAt !== undefined;
  const next = updatePhase(state, name, phase, { lastReplyId: message.messageId });
  if (expired) {
    if (!inFlight) return recorded(state, message, context, `an earlier ${phase} attempt expired`, name);
    const logged = record(next, context, 'command-expired', { step: name, phase, attempt: attempts.attempt, code: 'COMMAND_EXPIRED' });
    const failure = { code: 'COMMAND_EXPIRED', reason: `${command} was not started by ${attempts.expiresAt}: its participant is down or busy` };
    return forwardDecision(attemptFailed(logged, definition, name, phase, failure, { mayHaveRun: false, notStarted: true, backoffFactor: 4 }, context));
  }
  switch (contract.outcome) {
    case 'succeeded':
      return forwardDecision(stepSucceeded(next, definition, name, message.payload, message.messageId, context));
    case 'compensated':
      return forwardDecision(stepCompensated(next, definition, name, message.messageId, context));
    case 'failed': {
      const { kind, ...failure } = failureOf(message.payload, message.type);
      if (kind === 'transient') {
        if (!inFlight) return recorded(state, message, context, `a transient failure of an earlier ${phase} attempt`, name);
        const logged = phase === 'compensation' ? record(next, context, 'compensation-failed', { step: name, phase, attempt: attempts.attempt, code: failure.code }) : next;
        // A transient failure of an action may still have applied it (the write committed, its acknowledgement was lost).
        return forwardDecision(attemptFailed(logged, definition, name, phase, failure, { mayHaveRun: phase === 'action' }, context));
      }
      if (phase === 'compensation') {
        return forwardDecision(compensationFailed(next, definition, name, 'compensation-failed', `the compensation of ${name} failed (${failure.code}: ${failure.reason}); retrying will not help`, failure, context));
      }
      // A refusal is recorded by the participant for the step, so no attempt can still apply the
      // effect — unless an earlier attempt may have run before it. A defect ('error') may have
      // stopped the handler after its write.
      const mayHaveRun = kind === 'error' || (stepDefinition.kind === 'compensatable' && step.mayHaveRun === true);
      return forwardDecision(stepFailed(next, definition, name, failure, { mayHaveRun, messageId: message.messageId }, context));
    }
    default:
      return recorded(state, message, context, `${message.type} has no outcome`, name);
  }
}
