import { z } from 'zod';
import { defineMessage } from '@saga/contracts';
import { CompensationFailure, CompensationOutcome, FailureReason } from '@saga/contracts';
import { CustomerId, OrderId } from './ids.ts';
import { Money } from './order.ts';

export const ProcessPayment = z.object({ orderId: OrderId, customerId: CustomerId, amount: Money }).meta({ id: 'ProcessPayment' });
export type ProcessPayment = z.infer<typeof ProcessPayment>;
export const PaymentProcessed = z.object({ paymentId: z.string(), amount: Money }).meta({ id: 'PaymentProcessed' });
export type PaymentProcessed = z.infer<typeof PaymentProcessed>;
export const PaymentDeclined = FailureReason.meta({ id: 'PaymentDeclined' });
export type PaymentDeclined = z.infer<typeof PaymentDeclined>;
export const RefundPayment = z.object({ orderId: OrderId, customerId: CustomerId }).meta({ id: 'RefundPayment' });
export type RefundPayment = z.infer<typeof RefundPayment>;
export const PaymentRefunded = CompensationOutcome.meta({ id: 'PaymentRefunded' });
export type PaymentRefunded = z.infer<typeof PaymentRefunded>;

const amount = { cents: 4_998, currency: 'EUR' };
const common = { version: 1 } as const;

export const paymentMessages = {
  ProcessPayment: defineMessage({
    ...common, type: 'ProcessPayment', kind: 'command', from: 'orchestrator', to: 'payment', payload: ProcessPayment,
    description: 'Charge the customer, within the customer\'s spending limit.',
    example: { orderId: 'order-1001', customerId: 'customer-42', amount },
  }),
  PaymentProcessed: defineMessage({
    ...common, type: 'PaymentProcessed', kind: 'reply', from: 'payment', to: 'orchestrator', payload: PaymentProcessed,
    answers: 'ProcessPayment', outcome: 'succeeded', description: 'The customer was charged.',
    example: { paymentId: 'pay-order-1001', amount },
  }),
  PaymentDeclined: defineMessage({
    ...common, type: 'PaymentDeclined', kind: 'reply', from: 'payment', to: 'orchestrator', payload: PaymentDeclined,
    answers: 'ProcessPayment', outcome: 'failed', description: 'The payment was declined; nothing was charged.',
    example: { code: 'LIMIT_EXCEEDED', reason: 'amount exceeds the customer\'s remaining limit', retryable: false },
  }),
  RefundPayment: defineMessage({
    ...common, type: 'RefundPayment', kind: 'command', from: 'orchestrator', to: 'payment', payload: RefundPayment,
    description: 'Compensation of ProcessPayment: refund the charge.',
    example: { orderId: 'order-1001', customerId: 'customer-42' },
  }),
  PaymentRefunded: defineMessage({
    ...common, type: 'PaymentRefunded', kind: 'reply', from: 'payment', to: 'orchestrator', payload: PaymentRefunded,
    answers: 'RefundPayment', outcome: 'compensated', description: 'The charge is refunded (or there was nothing to refund).',
    example: { outcome: 'compensated' },
  }),
  PaymentRefundFailed: defineMessage({
    ...common, type: 'PaymentRefundFailed', kind: 'reply', from: 'payment', to: 'orchestrator', payload: CompensationFailure,
    answers: 'RefundPayment', outcome: 'failed',
    description: 'The refund could not be done now (a transient fault); the orchestrator retries it within its compensation budget.',
    example: { code: 'TRANSIENT_FAILURE', reason: 'the payment database did not answer', retryable: true },
  }),
};
