import { messages, type Envelope, type MessageType } from '@saga/contracts';
import type { AnySagaDefinition, CommandSpec, StepContext } from './definition.ts';
import { DomainError } from './domain-error.ts';
import { DEFAULT_ACTION_POLICY, DEFAULT_COMPENSATION_POLICY, mergePolicy, nextAttemptAt, type PhasePolicy } from './retry-policy.ts';
import type { HistoryEntry, OutboxEntry, ParkedInfo, SagaState, StepFailure, StepState } from './saga-state.ts';

/** Time, ids and randomness come in as data: every transition is pure and replayable. */
export interface TransitionContext {
  now: string;
  newId(): string;
  /** [0, 1), for backoff jitter. */
  random(): number;
}

export interface Transition {
  state: SagaState;
  commands: OutboxEntry[];
}

export type Phase = 'action' | 'compensation';

export function policyOf(definition: AnySagaDefinition, index: number, phase: Phase): PhasePolicy {
  const step = definition.steps[index]!;
  return phase === 'action'
    ? mergePolicy(DEFAULT_ACTION_POLICY, definition.defaults?.policy, step.policy)
    : mergePolicy(DEFAULT_COMPENSATION_POLICY, definition.defaults?.compensationPolicy, step.compensationPolicy);
}

/** Starts step `index` with a fresh action budget and sends its first attempt. */
export function startStep(state: SagaState, index: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const fresh = updateStep(state, index, { budget: { used: 0, startedAt: context.now } });
  return sendAction(fresh, index, definition, causationId, context);
}

/** Sends one attempt of the action: a new messageId, counted against the step's budget. */
export function sendAction(state: SagaState, index: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const stepDef = definition.steps[index]!;
  const current = state.steps[index]!;
  const envelope = buildCommand(stepDef.action, stepDef.name, state, causationId, context);
  const budget = current.budget ?? { used: 0, startedAt: context.now };
  const next = updateStep(state, index, {
    status: 'running',
    attempt: current.attempt + 1,
    commandId: envelope.messageId,
    commandIds: [...(current.commandIds ?? idsOf(current.commandId)), envelope.messageId],
    budget: { ...budget, used: budget.used + 1 },
    timeoutAt: addMs(context.now, policyOf(definition, index, 'action').timeoutMs),
    retryAt: undefined,
    startedAt: current.startedAt ?? context.now,
  });
  const detail = current.attempt > 0 ? `attempt ${current.attempt + 1}` : undefined;
  const logged = withHistory(next, entry(context, 'step-started', { step: stepDef.name, messageId: envelope.messageId, detail }));
  return send(logged, { to: stepDef.participant, envelope }, context);
}

/** Starts compensating step `index` with a fresh compensation budget. */
export function startCompensation(state: SagaState, index: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const fresh = updateStep(state, index, { budget: { used: 0, startedAt: context.now }, retryAt: undefined, timeoutAt: undefined });
  return sendCompensation(fresh, index, definition, causationId, context);
}

export function sendCompensation(state: SagaState, index: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  const stepDef = definition.steps[index]!;
  const current = state.steps[index]!;
  const envelope = buildCommand(stepDef.compensation!, stepDef.name, state, causationId, context);
  const budget = current.budget ?? { used: 0, startedAt: context.now };
  const next = updateStep(state, index, {
    status: 'compensating',
    compensationAttempt: (current.compensationAttempt ?? 0) + 1,
    compensationId: envelope.messageId,
    compensationIds: [...(current.compensationIds ?? idsOf(current.compensationId)), envelope.messageId],
    budget: { ...budget, used: budget.used + 1 },
    timeoutAt: addMs(context.now, policyOf(definition, index, 'compensation').timeoutMs),
    retryAt: undefined,
  });
  const detail = (current.compensationAttempt ?? 0) > 0 ? `attempt ${(current.compensationAttempt ?? 0) + 1}` : undefined;
  const logged = withHistory(next, entry(context, 'compensation-started', { step: stepDef.name, messageId: envelope.messageId, detail }));
  return send(logged, { to: stepDef.participant, envelope }, context);
}

/**
 * An attempt of step `index` failed transiently (a retryable failure reply or a timeout): schedule
 * the next attempt within the phase's budget, or report that the budget is spent.
 */
export function retryOrExhaust(
  state: SagaState,
  index: number,
  phase: Phase,
  failure: StepFailure,
  definition: AnySagaDefinition,
  context: TransitionContext,
): { kind: 'scheduled'; state: SagaState } | { kind: 'exhausted'; state: SagaState } {
  const step = state.steps[index]!;
  const policy = policyOf(definition, index, phase).retry;
  const budget = step.budget ?? { used: 1, startedAt: context.now };
  const at = nextAttemptAt(policy, budget, context.now, context.random);
  const base = updateStep(state, index, { lastError: failure, timeoutAt: undefined, retryAt: at });
  if (!at) return { kind: 'exhausted', state: base };
  const detail = `${phase} attempt ${budget.used} of ${policy.maxAttempts} failed (${failure.code}); next at ${at}`;
  return { kind: 'scheduled', state: withHistory(base, entry(context, 'step-retry-scheduled', { step: step.name, detail })) };
}

export function stepSucceeded(state: SagaState, index: number, result: unknown, causationId: string, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const step = state.steps[index]!;
  const done = updateStep(state, index, { status: 'succeeded', result, finishedAt: context.now, timeoutAt: undefined, retryAt: undefined });
  const logged = withHistory(done, entry(context, 'step-succeeded', { step: step.name, messageId: causationId }));
  return forwardFrom(logged, index + 1, definition, causationId, context);
}

/**
 * Starts the next pending step at or after `from`; none left → completed. A step whose command
 * the definition cannot build fails like a refused one: what came before is compensated.
 */
export function forwardFrom(state: SagaState, from: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  if (from >= definition.steps.length) return finish(state, 'completed', 'saga-completed', context);
  try {
    return startStep(state, from, definition, causationId, context);
  } catch (error) {
    if (!isBuildError(error)) throw error;
    return actionFailed(state, from, { code: error.code, reason: error.message }, { mayHaveRun: false }, definition, context);
  }
}

function isBuildError(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'ERR_INVALID_COMMAND_PAYLOAD';
}

/**
 * The action of step `index` failed for good (a business refusal, or its budget is spent).
 * Before and at the pivot the completed steps are compensated in reverse — this one too when it may
 * have run. After the pivot nothing can be undone, so the saga parks for an operator; a pivot whose
 * outcome is unknown parks too.
 */
export function actionFailed(
  state: SagaState,
  index: number,
  failure: StepFailure,
  options: { mayHaveRun: boolean; messageId?: string; lastError?: StepFailure },
  definition: AnySagaDefinition,
  context: TransitionContext,
): Transition {
  const stepDef = definition.steps[index]!;
  const lastError = options.lastError ?? failure;
  if (stepDef.kind === 'retriable') {
    return park(state, index, 'action', `${stepDef.name} failed after the pivot (${failure.code}); it cannot be compensated`, lastError, context);
  }
  if (stepDef.kind === 'pivot' && options.mayHaveRun) {
    return park(state, index, 'action', `the outcome of pivot ${stepDef.name} is unknown (${failure.code})`, lastError, context);
  }
  const failed = updateStep(state, index, { status: 'failed', failure, finishedAt: context.now, timeoutAt: undefined, retryAt: undefined, mayHaveRun: options.mayHaveRun });
  const logged = withHistory(
    { ...failed, failure: { ...failure, step: stepDef.name } },
    entry(context, 'step-failed', { step: stepDef.name, messageId: options.messageId, detail: failure.code }),
  );
  return beginCompensation(logged, index, definition, options.messageId ?? logged.startedBy, context);
}

/** Moves the saga to `compensating` and undoes, newest first, every step at or before `from` that needs it. */
export function beginCompensation(state: SagaState, from: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  return compensateFrom({ ...state, status: 'compensating' }, from, definition, causationId, context);
}

/** Sends the compensation of the nearest step at or before `from` that needs one; none left → compensated. */
export function compensateFrom(state: SagaState, from: number, definition: AnySagaDefinition, causationId: string, context: TransitionContext): Transition {
  for (let i = from; i >= 0; i -= 1) {
    if (!needsCompensation(state.steps[i]!, definition, i)) continue;
    try {
      return startCompensation(state, i, definition, causationId, context);
    } catch (error) {
      // A compensation the definition cannot build needs a fixed definition, then resume-compensation.
      if (!isBuildError(error)) throw error;
      const failure = { code: error.code, reason: error.message };
      return park({ ...state, status: 'compensating' }, i, 'compensation', `the compensation of ${state.steps[i]!.name} cannot be built`, failure, context);
    }
  }
  return finish(state, 'compensated', 'saga-compensated', context);
}

function needsCompensation(step: StepState, definition: AnySagaDefinition, index: number): boolean {
  if (!definition.steps[index]!.compensation) return false;
  return step.status === 'succeeded' || (step.status === 'failed' && step.mayHaveRun === true);
}

export function stepCompensated(state: SagaState, index: number, causationId: string, definition: AnySagaDefinition, context: TransitionContext): Transition {
  const step = state.steps[index]!;
  const done = updateStep(state, index, { status: 'compensated', compensatedAt: context.now, timeoutAt: undefined, retryAt: undefined });
  const logged = withHistory(done, entry(context, 'step-compensated', { step: step.name, messageId: causationId }));
  return compensateFrom(logged, index - 1, definition, causationId, context);
}

/** Stops the saga's timers and waits for an operator. */
export function park(state: SagaState, index: number, phase: Phase, reason: string, lastError: StepFailure | undefined, context: TransitionContext): Transition {
  const step = state.steps[index]!;
  const parked: ParkedInfo = { reason, step: step.name, phase, at: context.now, ...(lastError ? { lastError } : {}) };
  const stopped = updateStep(state, index, { timeoutAt: undefined, retryAt: undefined });
  const logged = withHistory({ ...stopped, status: 'parked', parked }, entry(context, 'saga-parked', { step: step.name, detail: reason }));
  return { state: touch(logged, context), commands: [] };
}

export function finish(
  state: SagaState,
  status: 'completed' | 'compensated' | 'resolved' | 'failed',
  event: HistoryEntry['event'],
  context: TransitionContext,
  fields: Omit<Partial<HistoryEntry>, 'at' | 'event'> = {},
): Transition {
  const { parked: _parked, ...rest } = state;
  // A saga that ends stops every timer; what it had not yet sent is not sent any more.
  const stopped = { ...rest, steps: rest.steps.map(({ timeoutAt: _t, retryAt: _r, ...step }) => step), outbox: [], outboxSince: null };
  const done = withHistory({ ...stopped, status }, entry(context, event, fields));
  return { state: touch(done, context), commands: [] };
}

function buildCommand(spec: CommandSpec<unknown>, step: string, state: SagaState, causationId: string, context: TransitionContext): Envelope {
  const stepContext: StepContext<unknown> = { input: state.input, results: resultsOf(state) };
  const contract = messages[spec.command as MessageType];
  let built: unknown;
  try {
    built = spec.build(stepContext as never);
  } catch (error) {
    // A build that throws is as much a definition bug as one that returns a bad payload.
    throw new DomainError('ERR_INVALID_COMMAND_PAYLOAD', `step ${step} could not build ${spec.command}: ${(error as Error).message}`.slice(0, 500), step);
  }
  const payload = contract.payload.safeParse(built);
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

function send(state: SagaState, outboxEntry: OutboxEntry, context: TransitionContext): Transition {
  const next = { ...state, outbox: [...state.outbox, outboxEntry], outboxSince: state.outboxSince ?? context.now };
  return { state: touch(next, context), commands: [outboxEntry] };
}

/** Applies a patch to one step; a key set to undefined is removed, so documents carry no nulls. */
export function updateStep(state: SagaState, index: number, patch: Partial<StepState>): SagaState {
  return {
    ...state,
    steps: state.steps.map((s, i) => {
      if (i !== index) return s;
      const merged: Record<string, unknown> = { ...s, ...patch };
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      return merged as unknown as StepState;
    }),
  };
}

export function withHistory(state: SagaState, historyEntry: HistoryEntry): SagaState {
  return { ...state, history: [...state.history, historyEntry] };
}

/** A history entry; undefined fields are left out. */
export function entry(context: TransitionContext, event: HistoryEntry['event'], fields: Omit<Partial<HistoryEntry>, 'at' | 'event'>): HistoryEntry {
  const result: HistoryEntry = { at: context.now, event };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (result as unknown as Record<string, unknown>)[key] = value;
  return result;
}

export function touch(state: SagaState, context: TransitionContext): SagaState {
  return { ...state, updatedAt: context.now };
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function idsOf(id: string | undefined): string[] {
  return id ? [id] : [];
}

/** Index of the step at which the saga stands: the parked one, else the one running or compensating. */
export function activeStepIndex(state: SagaState): number {
  if (state.parked) return state.steps.findIndex((s) => s.name === state.parked!.step);
  return state.steps.findIndex((s) => s.status === 'running' || s.status === 'compensating');
}

/** True once the pivot (or, without one, any forward-only step) has succeeded: nothing can be undone. */
export function pastPivot(state: SagaState, definition: AnySagaDefinition): boolean {
  return definition.steps.some((s, i) => s.kind !== 'compensatable' && (state.steps[i]!.status === 'succeeded' || state.steps[i]!.status === 'skipped'));
}
