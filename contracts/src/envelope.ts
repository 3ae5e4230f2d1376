import { z } from 'zod';
import { MessageId, SagaId, StepName } from './ids.ts';

/**
 * Every message on the wire is one JSON envelope. The envelope is the same for every message;
 * `type` and `schemaVersion` select the payload schema.
 */
export const EnvelopeHeader = z
  .object({
    messageId: MessageId,
    type: z.string().min(1).max(100),
    schemaVersion: z.int().min(1),
    correlationId: SagaId.optional().describe('The saga id. Optional only on StartSaga, where the orchestrator may assign it.'),
    causationId: MessageId.optional().describe('The messageId of the message that caused this one.'),
    step: StepName.optional().describe('The saga step this command or reply belongs to.'),
    occurredAt: z.iso.datetime({ offset: true }).describe('When the sender created the message (ISO 8601).'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Commands: the time after which the receiver must not start it, and answers CommandExpired instead. The orchestrator has given up on it by then.'),
  })
  .meta({ id: 'EnvelopeHeader' });
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

export interface Envelope<TType extends string = string, TPayload = unknown> extends EnvelopeHeader {
  type: TType;
  payload: TPayload;
}
