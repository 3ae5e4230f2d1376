import { messages, type AnyMessage, type Envelope, type MessageType } from '@saga/contracts';
import type { AnySagaDefinition, CommandSpec, StepContext } from './definition.ts';
import { DomainError } from './domain-error.ts';
import type { HistoryEntry, OutboxEntry, SagaState, StepState } from './saga-state.ts';

/** Time and ids come in as data: decide is pure and replayable. */
export interface DecideContext {
  now: string;
  newId(): string;
  definitions: ReadonlyMap<string, AnySagaDefinition>;
  /** The saga id the application resolved for a StartSaga (from sagaId, idempotency key or messageId). */
  sagaId?: string;
}

export type Decision =
  /** `ignoredReason`: the message changed nothing but is recorded in the history (a stray or late reply). */
  | { outcome: 'applied'; state: SagaState; commands: OutboxEntry[]; ignoredReason?: string }
  | { outcome: 'ignored'; state: SagaState | undefined; reason: string; duplicate: boolean }
  | { outcome: 'rejected'; code: 'ERR_UNKNOWN_SAGA_TYPE' | 'ERR_INVALID_SAGA_INPUT' | 'ERR_INVALID_COMMAND_PAYLOAD'; reason: string };

/**
 * The whole saga engine: given the current state (undefined before a saga exists) and one message,
 * returns the next state and the commands to send. It performs no I/O; the caller persists the
 * state (commands included, as the outbox) and only then publishes.
 */
export function decide(state: SagaState | undefined, message: AnyMessage, context: DecideContext): Decision {
  if (message.type === 'StartSaga') {
    if (state) return ignore(state, 'saga already started', true);
    try {
      return start(message, context);
    } catch (error) {
      if (!isCommandPayloadError(error)) throw error;
      return { outcome: 'rejected', code: 'ERR_INVALID_COMMAND_PAYLOAD', reason: error.message };
    }
  }
  if (!state) return ignore(undefined, 'no such saga');
  if (state.appliedMessageIds.includes(message.messageId)) return ignore(state, 'duplicate message', true);
  const definition = context.definitions.get(state.sagaType);
  if (!definition) return ignore(state, `no definition for ${state.sagaType}`);
  try {
    return applyReply(state, message, definition, context);
  } catch (error) {
    if (!isCommandPayloadError(error)) throw error;
    return failedByDefinition(state, message, error, context);
  }
}

function isCommandPayloadError(error: unknown): error is DomainError {
  return (error as { code?: unknown } | null)?.code === 'ERR_INVALID_COMMAND_PAYLOAD';
}

/**
 * A definition that builds an invalid command is a bug no retry fixes. The saga stops as `failed`
 * with the reason in its document, rather than stay `running` with the reply dead-lettered.
 */
function failedByDefinition(state: SagaState, message: AnyMessage, error: DomainError, context: DecideContext): Decision {
  const failure = { step: error.step ?? 'unknown', code: error.code, reason: error.message };
  const failed = withHistory(
    { ...state, status: 'failed', failure, appliedMessageIds: [...state.appliedMessageIds, message.messageId] },
    { at: context.now, event: 'saga-failed', step: failure.step, messageId: message.messageId, detail: error.code },
  );
  return { outcome: 'applied', state: touch(failed, context), commands: [] };
}

function ignore(state: SagaState | undefined, reason: string, duplicate = false): Decision {
  return { outcome: 'ignored', state, reason, duplicate };
}

function start(message: Extract<AnyMessage, { type: 'StartSaga' }>, context: DecideContext): Decision {
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
    version: 0,
    createdAt: context.now,
    updatedAt: context.now,
  };
  return startStep(state, 0, definition, message.messageId, context);
}

function applyReply(state: SagaState, message: AnyMessage, definition: AnySagaDefinition, context: DecideContext): Decision {
  const contract = messages[message.type];
  const index = state.steps.findIndex((s) => s.commandId === message.causationId || s.compensationId === message.causationId);
  const step = state.steps[index];
  const record = (s: SagaState) => ({ ...s, appliedMessageIds: [...s.appliedMessageIds, message.messageId] });
  if (!step || contract.kind !== 'reply') {
    return ignored(record(state), message, context, 'reply to no command of this saga');
  }
  const isCompensationReply = step.compensationId === message.causationId;
  const stepDefinition = definition.steps[index];
  const command = isCompensationReply ? stepDefinition?.compensation?.command : stepDefinition?.action.command;
  if (contract.answers !== command) {
    return ignored(record(state), message, context, `${message.type} does not answer ${command ?? 'this step'}`, step.name);
  }
  const expected = isCompensationReply ? 'compensating' : 'running';
  if (step.status !== expected) {
    return ignored(record(state), message, context, `step ${step.name} is ${step.status}, not ${expected}`, step.name);
  }
  const next = record(state);
  switch (contract.outcome) {
    case 'succeeded':
      if (isCompensationReply) break;
      return stepSucceeded(next, index, message, definition, context);
    case 'failed':
      if (isCompensationReply) break;
      return stepFailed(next, index, message, definition, context);
    case 'compensated':
      if (!isCompensationReply) break;
      return stepCompensated(next, index, message, definition, context);
    default:
      break;
  }
  return ignored(next, message, context, `${message.type} does not answer ${isCompensationReply ? 'a compensation' : 'an action'}`, step.name);
}

function ignored(state: SagaState, message: AnyMessage, context: DecideContext, reason: string, step?: string): Decision {
  const entry: HistoryEntry = { at: context.now, event: 'reply-ignored', messageId: message.messageId, detail: `${message.type}: ${reason}` };
  if (step) entry.step = step;
  return { outcome: 'applied', state: touch(withHistory(state, entry), context), commands: [], ignoredReason: reason };
}

function stepSucceeded(state: SagaState, index: number, message: AnyMessage, definition: AnySagaDefinition, context: DecideContext): Decision {
  const step = state.steps[index]!;
  const done = updateStep(state, index, { status: 'succeeded', result: message.payload, finishedAt: context.now });
  const logged = withHistory(done, { at: context.now, event: 'step-succeeded', step: step.name, messageId: message.messageId });
  if (index + 1 < definition.steps.length) return startStep(logged, index + 1, definition, message.messageId, context);
  const completed = withHistory({ ...logged, status: 'completed' }, { at: context.now, event: 'saga-completed' });
  return { outcome: 'applied', state: touch(completed, context), commands: [] };
}

function stepFailed(state: SagaState, index: number, message: AnyMessage, definition: AnySagaDefinition, context: DecideContext): Decision {
  const step = state.steps[index]!;
  const payload = message.payload as { code?: string; reason?: string };
  const failure = { code: payload.code ?? 'UNKNOWN', reason: payload.reason ?? message.type };
  const failed = updateStep(state, index, { status: 'failed', failure, finishedAt: context.now });
  const logged = withHistory(
    { ...failed, failure: { ...failure, step: step.name } },
    { at: context.now, event: 'step-failed', step: step.name, messageId: message.messageId, detail: failure.code },
  );
  if (definition.steps[index]!.kind === 'retriable') {
    // A retriable step must not fail for business reasons; nothing can be undone after the pivot.
    const stuck = withHistory({ ...logged, status: 'failed' }, { at: context.now, event: 'saga-failed', step: step.name, detail: failure.code });
    return { outcome: 'applied', state: touch(stuck, context), commands: [] };
  }
  return compensateFrom(withHistory({ ...logged, status: 'compensating' }, { at: context.now, event: 'compensation-started' }), index - 1, definition, message.messageId, context);
}

function stepCompensated(state: SagaState, index: number, message: AnyMessage, definition: AnySagaDefinition, context: DecideContext): Decision {
  const step = state.steps[index]!;
  const done = updateStep(state, index, { status: 'compensated', compensatedAt: context.now });
  const logged = withHistory(done, { at: context.now, event: 'step-compensated', step: step.name, messageId: message.messageId });
  return compensateFrom(logged, index - 1, definition, message.messageId, context);
}

/** Sends the compensation of the nearest succeeded step at or before `from`; none left → compensated. */
function compensateFrom(state: SagaState, from: number, definition: AnySagaDefinition, causationId: string, context: DecideContext): Decision {
  for (let i = from; i >= 0; i -= 1) {
    const stepDef = definition.steps[i]!;
    if (state.steps[i]!.status !== 'succeeded' || !stepDef.compensation) continue;
    const envelope = buildCommand(stepDef.compensation, stepDef.name, state, causationId, context);
    const next = updateStep(state, i, { status: 'compensating', compensationId: envelope.messageId });
    return send(next, { to: stepDef.participant, envelope }, context);
  }
  const finished = withHistory({ ...state, status: 'compensated' }, { at: context.now, event: 'saga-compensated' });
  return { outcome: 'applied', state: touch(finished, context), commands: [] };
}

function startStep(state: SagaState, index: number, definition: AnySagaDefinition, causationId: string, context: DecideContext): Decision {
  const stepDef = definition.steps[index]!;
  const envelope = buildCommand(stepDef.action, stepDef.name, state, causationId, context);
  const current = state.steps[index]!;
  const next = updateStep(state, index, { status: 'running', attempt: current.attempt + 1, commandId: envelope.messageId, startedAt: context.now });
  const logged = withHistory(next, { at: context.now, event: 'step-started', step: stepDef.name, messageId: envelope.messageId });
  return send(logged, { to: stepDef.participant, envelope }, context);
}

function buildCommand(spec: CommandSpec<unknown>, step: string, state: SagaState, causationId: string, context: DecideContext): Envelope {
  const stepContext: StepContext<unknown> = { input: state.input, results: resultsOf(state) };
  const contract = messages[spec.command as MessageType];
  const payload = contract.payload.safeParse(spec.build(stepContext as never));
  if (!payload.success) {
    throw new DomainError('ERR_INVALID_COMMAND_PAYLOAD', `step ${step} built an invalid ${spec.command}`, step);
  }
  return {
    messageId: context.newId(),
    type: spec.command,
    schemaVersion: contract.version,
    correlationId: state.sagaId,
    causationId,
    step,
    occurredAt: context.now,
    payload: payload.data,
  };
}

function resultsOf(state: SagaState): Record<string, unknown> {
  return Object.fromEntries(state.steps.filter((s) => s.status === 'succeeded' || s.status === 'compensating').map((s) => [s.name, s.result]));
}

function send(state: SagaState, entry: OutboxEntry, context: DecideContext): Decision {
  const next = { ...state, outbox: [...state.outbox, entry], outboxSince: state.outboxSince ?? context.now };
  return { outcome: 'applied', state: touch(next, context), commands: [entry] };
}

function updateStep(state: SagaState, index: number, patch: Partial<StepState>): SagaState {
  return { ...state, steps: state.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

function withHistory(state: SagaState, entry: HistoryEntry): SagaState {
  return { ...state, history: [...state.history, entry] };
}

function touch(state: SagaState, context: DecideContext): SagaState {
  return { ...state, updatedAt: context.now };
}
