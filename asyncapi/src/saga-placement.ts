import type { AnySystem, MessageContract } from '@saga/contracts';
import { stepsOf, type AnySagaDefinition } from '@saga/orchestrator/domain';

/** Where a message type sits in a saga: the step it belongs to and the message type that causes it. */
export interface Placement {
  saga: string;
  step: string;
  causedBy: string;
}

const replyWith = (system: AnySystem, command: string, outcome: MessageContract['outcome']): string | undefined =>
  system.repliesTo(command).find((r) => r.outcome === outcome)?.type;

/**
 * The first place each message type takes in the saga definitions, for examples whose `step` and
 * `causationId` are the ones the engine would set: step 1's command is caused by StartSaga, a later
 * step's by the previous step's success reply, a reply by its command, a compensation by the
 * failure reply of the step after it.
 */
export function placements(definitions: Iterable<AnySagaDefinition>): Map<string, Placement> {
  const found = new Map<string, Placement>();
  const place = (type: string | undefined, placement: Placement) => {
    if (type !== undefined && !found.has(type)) found.set(type, placement);
  };
  for (const definition of definitions) {
    const { system } = definition;
    const steps = stepsOf(definition);
    steps.forEach((step, i) => {
      const previous = steps[i - 1];
      const next = steps[i + 1];
      const at = (causedBy: string | undefined): Placement | undefined =>
        causedBy === undefined ? undefined : { saga: definition.name, step: step.name, causedBy };
      const actionCause = previous ? replyWith(system, previous.action.command, 'succeeded') : 'StartSaga';
      const actionAt = at(actionCause);
      if (actionAt) place(step.action.command, actionAt);
      for (const reply of system.repliesTo(step.action.command)) {
        place(reply.type, { saga: definition.name, step: step.name, causedBy: step.action.command });
      }
      if (!step.compensation) return;
      const compensationAt = at(next ? replyWith(system, next.action.command, 'failed') : undefined);
      if (compensationAt) place(step.compensation.command, compensationAt);
      for (const reply of system.repliesTo(step.compensation.command)) {
        place(reply.type, { saga: definition.name, step: step.name, causedBy: step.compensation.command });
      }
    });
  }
  return found;
}
