import type { Envelope } from '@saga/contracts';
import type { AnyStepDefinition, StepContext } from './definition.ts';
import type { Phase, SagaState, StepFailure } from './saga-state.ts';
import type { TransitionContext } from './transition.ts';
import { addMs } from './transition.ts';

export type BuiltCommand = { ok: true; envelope: Envelope } | { ok: false; failure: StepFailure };

/** What a builder sees: the validated input and the results of the steps that succeeded. */
function stepContext(state: SagaState): StepContext<unknown> {
  const results: Record<string, unknown> = {};
  for (const [name, step] of Object.entries(state.steps)) {
    if (step.result !== undefined && (step.status === 'succeeded' || step.status === 'compensating')) results[name] = step.result;
  }
  return { input: state.input, results };
}

/**
 * Builds one attempt's command and checks it against its contract. A builder that throws or
 * returns an invalid payload is a definition bug no retry fixes: it comes back as a failure for the
 * caller to route through the one failure path, never as an exception.
 */
export function buildCommand(
  spec: NonNullable<AnyStepDefinition['compensation']>,
  step: string,
  phase: Phase,
  state: SagaState,
  causationId: string,
  expiresInMs: number,
  context: TransitionContext,
): BuiltCommand {
  const contract = context.messages(spec.command);
  const fail = (reason: string): BuiltCommand => ({ ok: false, failure: { code: 'ERR_INVALID_COMMAND_PAYLOAD', reason: reason.slice(0, 500) } });
  if (!contract || contract.kind !== 'command') return fail(`step ${step} names ${spec.command}, which is not a known command`);
  let built: unknown;
  try {
    built = spec.build(stepContext(state) as never);
  } catch (error) {
    return fail(`step ${step} could not build its ${phase} ${spec.command}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const payload = contract.payload.safeParse(built);
  if (!payload.success) {
    const fields = payload.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)').join(', ');
    return fail(`step ${step} built an invalid ${spec.command} (${fields})`);
  }
  return {
    ok: true,
    envelope: {
      messageId: context.newId(),
      type: spec.command,
      schemaVersion: contract.version,
      correlationId: state.sagaId,
      causationId,
      step,
      occurredAt: context.now,
      expiresAt: addMs(context.now, expiresInMs),
      payload: payload.data,
    },
  };
}
