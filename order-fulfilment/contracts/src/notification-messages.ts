import { z } from 'zod';
import { defineMessage } from '@saga/contracts';
import { FailureReason } from '@saga/contracts';
import { OrderId } from './ids.ts';

export const SendConfirmation = z
  .object({ orderId: OrderId, email: z.email().max(254), trackingNumber: z.string().max(100) })
  .meta({ id: 'SendConfirmation' });
export type SendConfirmation = z.infer<typeof SendConfirmation>;
export const ConfirmationSent = z.object({ notificationId: z.string() }).meta({ id: 'ConfirmationSent' });
export type ConfirmationSent = z.infer<typeof ConfirmationSent>;
export const ConfirmationFailed = FailureReason.meta({ id: 'ConfirmationFailed' });
export type ConfirmationFailed = z.infer<typeof ConfirmationFailed>;

export const SendDispatchNotice = z
  .object({ orderId: OrderId, email: z.email().max(254), trackingNumber: z.string().max(100) })
  .meta({ id: 'SendDispatchNotice' });
export type SendDispatchNotice = z.infer<typeof SendDispatchNotice>;
export const DispatchNoticeSent = z.object({ notificationId: z.string() }).meta({ id: 'DispatchNoticeSent' });
export type DispatchNoticeSent = z.infer<typeof DispatchNoticeSent>;
export const DispatchNoticeFailed = FailureReason.meta({ id: 'DispatchNoticeFailed' });
export type DispatchNoticeFailed = z.infer<typeof DispatchNoticeFailed>;

const common = { version: 1 } as const;

export const notificationMessages = {
  SendConfirmation: defineMessage({
    ...common, type: 'SendConfirmation', kind: 'command', from: 'orchestrator', to: 'notification', payload: SendConfirmation,
    description: 'Send the order confirmation to the customer. The last step: it has no compensation.',
    example: { orderId: 'order-1001', email: 'ada@example.com', trackingNumber: 'TRK-0001' },
  }),
  ConfirmationSent: defineMessage({
    ...common, type: 'ConfirmationSent', kind: 'reply', from: 'notification', to: 'orchestrator', payload: ConfirmationSent,
    answers: 'SendConfirmation', outcome: 'succeeded', description: 'The confirmation was sent and recorded.',
    example: { notificationId: 'note-order-1001' },
  }),
  ConfirmationFailed: defineMessage({
    ...common, type: 'ConfirmationFailed', kind: 'reply', from: 'notification', to: 'orchestrator', payload: ConfirmationFailed,
    answers: 'SendConfirmation', outcome: 'failed', description: 'The confirmation could not be sent (e.g. the address is suppressed).',
    example: { code: 'RECIPIENT_SUPPRESSED', reason: 'the recipient is on the suppression list', retryable: false },
  }),
  SendDispatchNotice: defineMessage({
    ...common, type: 'SendDispatchNotice', kind: 'command', from: 'orchestrator', to: 'notification', payload: SendDispatchNotice,
    description: 'Tell the customer the order is on its way, with its tracking number (order fulfilment v2, after the pivot).',
    example: { orderId: 'order-1001', email: 'ada@example.com', trackingNumber: 'TRK-0001' },
  }),
  DispatchNoticeSent: defineMessage({
    ...common, type: 'DispatchNoticeSent', kind: 'reply', from: 'notification', to: 'orchestrator', payload: DispatchNoticeSent,
    answers: 'SendDispatchNotice', outcome: 'succeeded', description: 'The dispatch notice was sent and recorded.',
    example: { notificationId: 'note-order-1001-dispatch' },
  }),
  DispatchNoticeFailed: defineMessage({
    ...common, type: 'DispatchNoticeFailed', kind: 'reply', from: 'notification', to: 'orchestrator', payload: DispatchNoticeFailed,
    answers: 'SendDispatchNotice', outcome: 'failed', description: 'The dispatch notice could not be sent (e.g. the address is suppressed).',
    example: { code: 'RECIPIENT_SUPPRESSED', reason: 'the recipient is on the suppression list', retryable: false },
  }),
};
