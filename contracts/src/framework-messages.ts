import { z } from 'zod';
import { defineMessage } from './define-message.ts';
import { MessageId, SagaId, StepName } from './ids.ts';

/**
 * The framework's own messages, part of every system: how clients start sagas, how the
 * orchestrator talks to a saga's partition, and what the participant runtime answers on its own.
 */

export const StartSaga = z
  .object({
    sagaType: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).describe('Name of a saga definition, e.g. order-fulfilment.'),
    sagaId: SagaId.optional().describe('Choose the saga id yourself; the same id twice starts one saga.'),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Without a sagaId: the saga id is derived from (sagaType, idempotencyKey), so a retry starts no second saga.'),
    sagaVersion: z.int().min(1).optional().describe('Run this version of the saga definition; by default the newest deployed one.'),
    input: z.record(z.string(), z.unknown()).describe("Saga input; validated against the saga definition's input schema."),
  })
  .meta({ id: 'StartSaga' });
export type StartSaga = z.infer<typeof StartSaga>;

/** What the sweeper sends to a saga's partition when one of its timers or its outbox is due. */
export const WakeSaga = z
  .object({
    reason: z.enum(['timer', 'outbox']).describe('timer: a retry, a step timeout or the saga deadline is due; outbox: commands wait to be re-sent.'),
  })
  .meta({ id: 'WakeSaga' });
export type WakeSaga = z.infer<typeof WakeSaga>;

export const OPERATOR_ACTIONS = ['retry-step', 'resume-compensation', 'skip-step', 'force-compensation', 'mark-resolved'] as const;
export type OperatorActionName = (typeof OPERATOR_ACTIONS)[number];

/** An operator's decision about one saga, recorded in its history with who and why. */
export const OperatorCommand = z
  .object({
    actionId: MessageId.describe('Unique per request: the history entry names it, so a caller can wait for it.'),
    action: z.enum(OPERATOR_ACTIONS),
    step: StepName.optional().describe('skip-step: the step to skip (must be the one the saga waits on).'),
    reason: z.string().min(1).max(500).describe('Why; kept in the saga history. No personal data.'),
    operator: z.string().regex(/^[A-Za-z0-9_.@-]{1,100}$/).describe('Who: an operator name or service account.'),
  })
  .meta({ id: 'OperatorCommand' });
export type OperatorCommand = z.infer<typeof OperatorCommand>;

/**
 * What a participant's runtime answers, instead of running it, to a command that reached it after
 * its `expiresAt`: the command did not run, and never will (the orchestrator gave up on it).
 */
export const CommandExpired = z
  .object({
    command: z.string().min(1).max(100).describe('The type of the command that expired.'),
    expiresAt: z.iso.datetime({ offset: true }).describe('When it expired.'),
    receivedAt: z.iso.datetime({ offset: true }).describe('When the participant received it.'),
  })
  .meta({ id: 'CommandExpired' });
export type CommandExpired = z.infer<typeof CommandExpired>;

const internal = { version: 1, from: 'orchestrator', to: 'orchestrator', kind: 'command' } as const;

export const frameworkMessages = {
  StartSaga: defineMessage({
    type: 'StartSaga',
    version: 1,
    description:
      'Starts a saga. Idempotent: a repeated sagaId, idempotency key or messageId starts one saga. An invalid one is dead-lettered with a reason.',
    payload: StartSaga,
    from: 'client',
    to: 'orchestrator',
    kind: 'command',
    correlationRequired: false,
    example: { sagaType: 'my-saga', idempotencyKey: 'checkout-7f3a', input: {} },
  }),
  /**
   * Messages the orchestrator sends itself through a saga's partition queue, so that every change
   * to a saga — replies, timers, operator actions — is applied by the one instance consuming that
   * partition, one message at a time.
   */
  WakeSaga: defineMessage({
    ...internal, type: 'WakeSaga', payload: WakeSaga,
    description: 'Internal: a timer of this saga is due, or its outbox waits to be re-sent. Sent by the sweeper; duplicates are harmless.',
    example: { reason: 'timer' },
  }),
  OperatorCommand: defineMessage({
    ...internal, type: 'OperatorCommand', payload: OperatorCommand,
    description: 'Internal: an operator action accepted by the orchestrator API (retry, resume, skip, force compensation, resolve).',
    example: { actionId: 'act-7f3a', action: 'retry-step', reason: 'payment provider is back', operator: 'alice' },
  }),
  CommandExpired: defineMessage({
    type: 'CommandExpired', version: 1, from: 'participant', to: 'orchestrator', kind: 'reply', payload: CommandExpired, outcome: 'failed',
    description: "Any participant: the command named by causationId arrived after its expiresAt and was not run. The orchestrator retries within the step's budget, backing off.",
    example: { command: 'ProcessPayment', expiresAt: '2026-11-21T10:00:30.000Z', receivedAt: '2026-11-21T10:00:41.000Z' },
  }),
};

export type FrameworkMessages = typeof frameworkMessages;
