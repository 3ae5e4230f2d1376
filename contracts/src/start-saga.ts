import { z } from 'zod';
import { defineMessage } from './define-message.ts';
import { SagaId } from './ids.ts';
import { exampleOrder } from './order.ts';

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
    input: z.record(z.string(), z.unknown()).describe('Saga input; validated against the saga definition\'s input schema.'),
  })
  .meta({ id: 'StartSaga' });
export type StartSaga = z.infer<typeof StartSaga>;

export const StartSagaMessage = defineMessage({
  type: 'StartSaga',
  version: 1,
  description:
    'Starts a saga. Idempotent: a repeated sagaId, idempotency key or messageId starts one saga. An invalid one is dead-lettered with a reason.',
  payload: StartSaga,
  from: 'client',
  to: 'orchestrator',
  kind: 'command',
  correlationRequired: false,
  example: { sagaType: 'order-fulfilment', idempotencyKey: 'checkout-7f3a', input: exampleOrder },
});
