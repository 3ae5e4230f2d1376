import type { FrameworkMessage } from '@saga/contracts';
import type { Decision } from './decision.ts';
import { forwardDecision } from './decision.ts';
import { forwardFrom } from './forward.ts';
import { record } from './history.ts';
import { SAGA_SCHEMA, type SagaState, type StepState } from './saga-state.ts';
import type { SagaRegistry } from './saga-registry.ts';
import { addMs, type TransitionContext } from './transition.ts';

/**
 * A new saga: the newest version of its definition unless the StartSaga names one, its input
 * validated, every step pending in the definition's order, and the first step started.
 */
export function startSaga(message: FrameworkMessage<'StartSaga'>, sagaId: string, registry: SagaRegistry, context: TransitionContext): Decision {
  const { sagaType, sagaVersion, input } = message.payload;
  const definition = sagaVersion === undefined ? registry.latest(sagaType) : registry.get(sagaType, sagaVersion);
  if (!definition) {
    const known = registry.latest(sagaType);
    const reason = known ? `version ${sagaVersion} of ${sagaType} is not deployed (newest: ${known.version})` : `no saga definition named "${sagaType}"`;
    return { outcome: 'rejected', code: 'ERR_UNKNOWN_SAGA_TYPE', reason };
  }
  const parsed = definition.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { outcome: 'rejected', code: 'ERR_INVALID_SAGA_INPUT', reason: `input: ${issues.join('; ')}` };
  }
  const steps: Record<string, StepState> = {};
  for (const step of definition.steps) steps[step.name] = { status: 'pending' };
  const state: SagaState = {
    schema: SAGA_SCHEMA,
    sagaId,
    sagaType,
    definitionVersion: definition.version,
    status: 'running',
    input: parsed.data,
    ...(message.payload.idempotencyKey ? { idempotencyKey: message.payload.idempotencyKey } : {}),
    startedBy: message.messageId,
    steps,
    outbox: [],
    outboxSince: null,
    history: [],
    historyCount: 0,
    recentActionIds: [],
    ...(definition.deadlineMs ? { deadlineAt: addMs(context.now, definition.deadlineMs) } : {}),
    wakeAt: null,
    version: 0,
    createdAt: context.now,
    updatedAt: context.now,
  };
  const started = record(state, context, 'saga-started', { messageId: message.messageId, detail: `${sagaType}@${definition.version}` });
  return forwardDecision(forwardFrom(started, definition, 0, message.messageId, context));
}
