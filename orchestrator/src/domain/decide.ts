import { messages, type AnyMessage, type MessageOf } from '@saga/contracts';
import type { AnySagaDefinition } from './definition.ts';
import type { DomainError } from './domain-error.ts';
import { applyOperatorAction } from './operator-actions.ts';
import { TERMINAL_STATUSES, type HistoryEntry, type SagaState, type StepFailure } from './saga-state.ts';
import { failedAttempt, nextWakeAt, onWake } from './timers.ts';
import {
  actionFailed,
  addMs,
  entry,
  finish,
  park,
  startStep,
  stepCompensated,
  stepSucceeded,
  touch,
  updateStep,
  withHistory,
  type Transition,
  type TransitionContext,
} from './transitions.ts';

/** Time, ids and randomness come in as data: decide is pure and replayable. */
export interface DecideContext extends TransitionContext {
  definitions: ReadonlyMap<string, AnySagaDefinition>;
  /** The saga id the application resolved for a StartSaga (from sagaId, idempotency key or messageId). */
  sagaId?: string;
}

export type Decision =
  /** `ignoredReason`: the message changed nothing but is recorded in the history (a stray or late reply, a refused operator action). */
  | { outcome: 'applied'; state: SagaState; commands: Transition['commands']; ignoredReason?: string }
  | { outcome: 'ignored'; state: SagaState | undefined; reason: string; duplicate: boolean }
  | { outcome: 'rejected'; code: 'ERR_UNKNOWN_SAGA_TYPE' | 'ERR_INVALID_SAGA_INPUT' | 'ERR_INVALID_COMMAND_PAYLOAD'; reason: string };

/**
 * The whole saga engine: given the current state (undefined before a saga exists) and one message —
 * a StartSaga, a participant's reply, a wake-up from the sweeper or an operator's command — returns
 * the next state and the commands to send. It performs no I/O; the caller persists the state
 * (commands included, as the outbox) and only then publishes.
 */
export function decide(state: SagaState | undefined, message: AnyMessage, context: DecideContext): Decision {
  const decision = decideWithoutTimers(state, message, context);
  if (decision.outcome !== 'applied') return decision;
  const definition = context.definitions.get(decision.state.sagaType);
  return { ...decision, state: { ...decision.state, wakeAt: nextWakeAt(decision.state, definition) } };
}

function decideWithoutTimers(state: SagaState | undefined, message: AnyMessage, context: DecideContext): Decision {
  if (message.type === 'StartSaga') {
    if (state) return ignore(state, 'saga already started', true);
    return guarded(undefined, message, context, () => start(message, context))!;
  }
  if (!state) return ignore(undefined, 'no such saga');
  if (state.appliedMessageIds.includes(message.messageId)) return ignore(state, 'duplicate message', true);
  const definition = context.definitions.get(state.sagaType);
  if (!definition) return ignore(state, `no definition for ${state.sagaType}`);
  if (message.type === 'WakeSaga') {
    // Wake-ups are not recorded: they carry nothing, and a duplicate finds nothing due.
    const woken = guarded(state, message, context, () => onWake(state, definition, context));
    if (woken) return woken;
    // A stale wakeAt (already due, nothing to fire) would be found by every sweep: correct it.
    const wakeAt = nextWakeAt(state, definition);
    if (state.wakeAt && Date.parse(state.wakeAt) <= Date.parse(context.now) && wakeAt !== state.wakeAt) {
      return { outcome: 'applied', state: { ...state, wakeAt }, commands: [], ignoredReason: 'nothing due; wakeAt corrected' };
    }
    return ignore(state, 'nothing due');
  }
  if (message.type === 'OperatorCommand') {
    return guarded(state, message, context, (): Decision => {
      const transition = applyOperatorAction(recordMessage(state, message.messageId), message.payload, message.messageId, definition, context);
      const rejected = transition.state.history.at(-1)?.event === 'operator-action-rejected';
      return { outcome: 'applied', ...transition, ...(rejected ? { ignoredReason: transition.state.history.at(-1)!.detail ?? 'refused' } : {}) };
    })!;
  }
  // A saga that has ended, or waits for an operator, is not moved by a reply: it is recorded. A
  // parked step's late outcome is not lost — the participant keeps it, and retry-step gets it back.
  if (TERMINAL_STATUSES.includes(state.status) || state.status === 'parked') {
    return ignored(recordMessage(state, message.messageId), message, context, `the saga is ${state.status}`, message.step);
  }
  return guarded(state, message, context, () => applyReply(state, message, definition, context))!;
}

/**
 * Runs a transition; a definition that builds an invalid command is a bug no retry fixes, so the
 * saga stops as `failed` with the reason rather than stay `running` with its message dead-lettered.
 */
function guarded(state: SagaState | undefined, message: AnyMessage, context: DecideContext, run: () => Decision | Transition | undefined): Decision | undefined {
  try {
    const result = run();
    if (!result) return undefined;
    return 'outcome' in result ? result : { outcome: 'applied', ...result };
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_INVALID_COMMAND_PAYLOAD') throw error;
    if (!state) return { outcome: 'rejected', code: 'ERR_INVALID_COMMAND_PAYLOAD', reason: (error as DomainError).message };
    return failedByDefinition(state, message, error as DomainError, context);
  }
}

function failedByDefinition(state: SagaState, message: AnyMessage, error: DomainError, context: DecideContext): Decision {
  const failure = { step: error.step ?? 'unknown', code: error.code, reason: error.message };
  const recorded = message.type === 'WakeSaga' ? state : recordMessage(state, message.messageId);
  const failed = withHistory({ ...recorded, failure }, entry(context, 'step-failed', { step: failure.step, messageId: message.messageId, detail: error.code }));
  return { outcome: 'applied', ...finish(failed, 'failed', 'saga-failed', context, { step: failure.step, detail: error.code }) };
}

function ignore(state: SagaState | undefined, reason: string, duplicate = false): Decision {
  return { outcome: 'ignored', state, reason, duplicate };
}

function recordMessage(state: SagaState, messageId: string): SagaState {
  return { ...state, appliedMessageIds: [...state.appliedMessageIds, messageId] };
}

function start(message: MessageOf<'StartSaga'>, context: DecideContext): Decision {
  const { sagaType, input } = message.payload;
  const definition = context.definitions.get(sagaType);
  if (!definition) return { outcome: 'rejected', code: 'ERR_UNKNOWN_SAGA_TYPE', reason: `no saga definition named "${sagaType}"` };
  const parsed = definition.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { outcome: 'rejected', code: 'ERR_INVALID_SAGA_INPUT', reason: `input: ${issues.join('; ')}` };
  }
  const sagaId = context.sagaId ?? message.correlationId ?? message.messageId;
  const state: SagaState = {
    sagaId,
    sagaType,
    definitionVersion: definition.version,
    status: 'running',
    input: parsed.data,
    ...(message.payload.idempotencyKey ? { idempotencyKey: message.payload.idempotencyKey } : {}),
    startedBy: message.messageId,
    steps: definition.steps.map((s) => ({ name: s.name, participant: s.participant, status: 'pending', attempt: 0 })),
    outbox: [],
    outboxSince: null,
    appliedMessageIds: [message.messageId],
    history: [{ at: context.now, event: 'saga-started', messageId: message.messageId }],
    ...(definition.deadlineMs ? { deadlineAt: addMs(context.now, definition.deadlineMs) } : {}),
    version: 0,
    createdAt: context.now,
    updatedAt: context.now,
  };
  return { outcome: 'applied', ...startStep(state, 0, definition, message.messageId, context) };
}

/**
 * A participant's reply. It must answer a command this saga sent for that step — any attempt of it,
 * since a late success of an earlier attempt is as real as the latest one — and the step must still
 * be in the phase the reply belongs to. Anything else is recorded in the history and ignored: a late
 * or out-of-order reply is never applied over newer state.
 */
function applyReply(state: SagaState, message: AnyMessage, definition: AnySagaDefinition, context: DecideContext): Decision {
  const contract = messages[message.type];
  const causation = message.causationId;
  const index = causation ? state.steps.findIndex((s) => commandIdsOf(s).includes(causation) || compensationIdsOf(s).includes(causation)) : -1;
  const step = state.steps[index];
  const next = recordMessage(state, message.messageId);
  if (!step || contract.kind !== 'reply') return ignored(next, message, context, 'reply to no command of this saga');
  const isCompensationReply = compensationIdsOf(step).includes(causation!);
  const stepDefinition = definition.steps[index]!;
  const command = isCompensationReply ? stepDefinition.compensation?.command : stepDefinition.action.command;
  if (contract.answers !== command) return ignored(next, message, context, `${message.type} does not answer ${command ?? 'this step'}`, step.name);
  const expected = isCompensationReply ? 'compensating' : 'running';
  if (step.status !== expected) return ignored(next, message, context, `step ${step.name} is ${step.status}, not ${expected}`, step.name);
  const latest = isCompensationReply ? step.compensationId : step.commandId;
  const phase = isCompensationReply ? 'compensation' : 'action';
  switch (contract.outcome) {
    case 'succeeded':
      return { outcome: 'applied', ...stepSucceeded(next, index, message.payload, message.messageId, definition, context) };
    case 'compensated':
      return { outcome: 'applied', ...stepCompensated(next, index, message.messageId, definition, context) };
    case 'failed': {
      const failure = failureOf(message.payload, message.type);
      if (isCompensationReply || failure.retryable) {
        // A transient failure only counts for the attempt in flight; an earlier attempt's, or one
        // that already timed out (a retry is scheduled), is stale.
        if (causation !== latest || step.timeoutAt === undefined) {
          return ignored(next, message, context, `a transient failure of an earlier ${phase} attempt`, step.name);
        }
        // A transient failure of an action may still have applied it (the write committed, its
        // acknowledgement was lost), so the step counts as one that may have run.
        const logged = isCompensationReply
          ? withHistory(next, entry(context, 'compensation-failed', { step: step.name, messageId: message.messageId, detail: failure.code }))
          : updateStep(next, index, { mayHaveRun: true });
        return { outcome: 'applied', ...failedAttempt(logged, index, phase, { code: failure.code, reason: failure.reason }, definition, context, message.messageId) };
      }
      return { outcome: 'applied', ...businessFailure(next, index, { code: failure.code, reason: failure.reason }, message.messageId, definition, context) };
    }
    default:
      return ignored(next, message, context, `${message.type} has no outcome`, step.name);
  }
}

/**
 * A participant refused the action: nothing happened (its ledger records the refusal, so no attempt
 * can apply the effect later). Compensate what came before — except after the pivot, where nothing
 * can be undone and an operator must decide.
 */
function businessFailure(state: SagaState, index: number, failure: StepFailure, messageId: string, definition: AnySagaDefinition, context: DecideContext): Transition {
  const stepDef = definition.steps[index]!;
  if (stepDef.kind === 'retriable') {
    return park(state, index, 'action', `${stepDef.name} was refused after the pivot (${failure.code}); it cannot be compensated`, failure, context);
  }
  // The refusal is recorded by the participant for the step, so no earlier attempt can still apply
  // the effect; a compensatable step that once timed out is compensated anyway (it costs a no-op).
  const mayHaveRun = stepDef.kind === 'compensatable' && state.steps[index]!.mayHaveRun === true;
  return actionFailed(state, index, failure, { mayHaveRun, messageId }, definition, context);
}

function failureOf(payload: unknown, type: string): { code: string; reason: string; retryable: boolean } {
  const p = payload as { code?: string; reason?: string; retryable?: boolean };
  return { code: p.code ?? 'UNKNOWN', reason: p.reason ?? type, retryable: p.retryable === true };
}

function ignored(state: SagaState, message: AnyMessage, context: DecideContext, reason: string, step?: string): Decision {
  const historyEntry: HistoryEntry = entry(context, 'reply-ignored', { messageId: message.messageId, detail: `${message.type}: ${reason}`, step });
  return { outcome: 'applied', state: touch(withHistory(state, historyEntry), context), commands: [], ignoredReason: reason };
}

function commandIdsOf(step: SagaState['steps'][number]): string[] {
  return step.commandIds ?? (step.commandId ? [step.commandId] : []);
}

function compensationIdsOf(step: SagaState['steps'][number]): string[] {
  return step.compensationIds ?? (step.compensationId ? [step.compensationId] : []);
}
