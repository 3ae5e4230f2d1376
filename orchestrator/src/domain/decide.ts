import { isFrameworkMessage, type WireMessage } from '@saga/contracts';
import { applyReply } from './apply-reply.ts';
import { compensationFailed } from './compensation.ts';
import type { AnySagaDefinition } from './definition.ts';
import { forwardDecision, type Decision } from './decision.ts';
import { applyOperatorAction } from './operator-actions.ts';
import { isLive, pruneOutbox } from './outbox.ts';
import { park } from './park-and-finish.ts';
import { isTerminal, type ParkReason, type SagaState } from './saga-state.ts';
import { activeStep } from './saga-position.ts';
import type { SagaRegistry } from './saga-registry.ts';
import { startSaga } from './start-saga.ts';
import { stepFailed } from './step-failure.ts';
import { nextWakeAt, onWake } from './timers.ts';
import type { Transition, TransitionContext } from './transition.ts';

export type { Decision } from './decision.ts';

/** Time, ids and randomness come in as data: decide is pure and replayable. */
export interface DecideContext extends TransitionContext {
  registry: SagaRegistry;
  /** The saga id the application resolved for a StartSaga (from sagaId, idempotency key or messageId). */
  sagaId?: string;
}

/**
 * Not a wire message: the engine's report that an outbox entry cannot be published for a reason
 * no retry fixes (e.g. it is over the size limit). It fails the step like any other failure.
 */
export interface PublishFailed {
  type: 'PublishFailed';
  /** Marks it as the engine's own, never a decoded message. */
  internal: true;
  messageId: string;
  entryId: string;
  code: string;
  reason: string;
}

export type SagaInput = WireMessage | PublishFailed;

const isPublishFailed = (message: SagaInput): message is PublishFailed => 'internal' in message && message.internal === true;

/**
 * The whole saga engine: given the current state (undefined before a saga exists) and one message —
 * a StartSaga, a participant's reply, a wake-up from the sweeper, an operator's command, or the
 * engine's report of an unpublishable command — returns what to do. It performs no I/O; the caller
 * persists the state (the outbox with it) and only then publishes.
 */
export function decide(state: SagaState | undefined, message: SagaInput, context: DecideContext): Decision {
  const decision = decideMessage(state, message, context);
  if (decision.outcome !== 'applied' && decision.outcome !== 'recorded') return decision;
  const definition = context.registry.get(decision.state.sagaType, decision.state.definitionVersion);
  const settled = pruneOutbox(decision.state);
  return { ...decision, state: { ...settled, wakeAt: nextWakeAt(settled, definition) } };
}

function decideMessage(state: SagaState | undefined, message: SagaInput, context: DecideContext): Decision {
  if (isPublishFailed(message)) {
    if (!state) return { outcome: 'ignored', reason: 'no such saga', duplicate: false };
    const definition = context.registry.get(state.sagaType, state.definitionVersion);
    return definition ? publishFailed(state, definition, message, context) : { outcome: 'ignored', reason: 'no definition', duplicate: false };
  }
  if (isFrameworkMessage(message, 'StartSaga')) {
    if (state) return { outcome: 'ignored', reason: 'saga already started', duplicate: true };
    return startSaga(message, context.sagaId ?? message.correlationId ?? message.messageId, context.registry, context);
  }
  if (!state) return { outcome: 'ignored', reason: 'no such saga', duplicate: false };
  const definition = context.registry.get(state.sagaType, state.definitionVersion);
  if (isFrameworkMessage(message, 'OperatorCommand')) {
    if (state.recentActionIds.includes(message.payload.actionId)) return { outcome: 'ignored', reason: 'operator action already applied', duplicate: true };
    const result = applyOperatorAction(state, message.payload, message.messageId, definition, context);
    return result.applied ? forwardDecision(result.transition) : { outcome: 'recorded', state: result.transition.state, reason: result.refusal };
  }
  if (!definition) {
    if (isTerminal(state.status) || state.status === 'parked') return { outcome: 'ignored', reason: `the saga is ${state.status}`, duplicate: false };
    return forwardDecision(parkAtActiveStep(state, 'definition-missing', `definition ${state.sagaType}@${state.definitionVersion} is not deployed`, context));
  }
  if (isFrameworkMessage(message, 'WakeSaga')) return wake(state, definition, context);
  return applyReply(state, message, definition, context);
}

function wake(state: SagaState, definition: AnySagaDefinition, context: DecideContext): Decision {
  const woken = onWake(state, definition, context);
  if (woken) return forwardDecision(woken);
  // A stale wakeAt (due, with nothing to fire) would be found by every sweep: correct it.
  const wakeAt = nextWakeAt(state, definition);
  if (state.wakeAt && Date.parse(state.wakeAt) <= Date.parse(context.now) && wakeAt !== state.wakeAt) {
    return { outcome: 'applied', state: { ...state, wakeAt }, commands: [] };
  }
  return { outcome: 'ignored', reason: 'nothing due', duplicate: false };
}

/** A command no retry can publish fails its step (an action) or stops the compensation (the saga parks). */
function publishFailed(state: SagaState, definition: AnySagaDefinition, message: PublishFailed, context: DecideContext): Decision {
  const entry = state.outbox.find((e) => e.envelope.messageId === message.entryId);
  if (!entry || !isLive(state, entry)) return { outcome: 'ignored', reason: 'that command is no longer waiting to be sent', duplicate: false };
  const failure = { code: message.code, reason: message.reason.slice(0, 500) };
  if (entry.phase === 'compensation') {
    return forwardDecision(compensationFailed(state, definition, entry.step, 'command-unpublishable', `the compensation of ${entry.step} cannot be published (${failure.code}: ${failure.reason})`, failure, context));
  }
  // This attempt never left; only an earlier one may have run.
  const mayHaveRun = state.steps[entry.step]!.mayHaveRun === true;
  return forwardDecision(stepFailed(state, definition, entry.step, failure, { mayHaveRun }, context));
}

/**
 * Parks a saga where it stands for a reason outside its definition's control: its definition is not
 * deployed, its document would grow too large, or the engine failed on it. Needs no definition, so
 * it always works; the recorded step and phase are what an operator's retry resumes.
 */
export function parkAtActiveStep(state: SagaState, reason: ParkReason, detail: string, context: TransitionContext, lastError?: { code: string; reason: string }): Transition {
  const active = activeStep(state);
  return park(state, active ? { step: active.name, phase: active.phase } : {}, reason, detail, lastError, context);
}
