import { z } from 'zod';
import { CompensationFailure, CompensationOutcome, FailureReason, defineMessage, defineSystem } from '@saga/contracts';

/**
 * A one-participant system for the participant runtime's own tests: a charge and its refund, each
 * with a failure reply, so a spec can see every path of runParticipant (success, business refusal,
 * a handler that throws) without the demo's order system.
 */
const Amount = z.object({ cents: z.int().min(1), currency: z.string().length(3) });
const Charge = z.object({ customerId: z.string().min(1), amount: Amount });
const Charged = z.object({ chargeId: z.string(), amount: Amount });

export const billing = defineSystem({
  name: 'billing',
  title: 'Billing, for the runtime tests',
  participants: ['billing'],
  messages: {
    Charge: defineMessage({ type: 'Charge', version: 1, kind: 'command', from: 'orchestrator', to: 'billing', payload: Charge, description: 'Charge a customer.', example: { customerId: 'customer-42', amount: { cents: 1_500, currency: 'EUR' } } }),
    Charged: defineMessage({ type: 'Charged', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'succeeded', payload: Charged, description: 'Charged.', example: { chargeId: 'c-1', amount: { cents: 1_500, currency: 'EUR' } } }),
    ChargeDeclined: defineMessage({ type: 'ChargeDeclined', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'failed', payload: FailureReason, description: 'Declined.', example: { code: 'LIMIT_EXCEEDED', reason: 'over the limit', retryable: false } }),
    Refund: defineMessage({ type: 'Refund', version: 1, kind: 'command', from: 'orchestrator', to: 'billing', payload: z.object({ customerId: z.string().min(1) }), description: 'Refund the charge.', example: { customerId: 'customer-42' } }),
    Refunded: defineMessage({ type: 'Refunded', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Refund', outcome: 'compensated', payload: CompensationOutcome, description: 'Refunded.', example: { outcome: 'compensated' } }),
    RefundFailed: defineMessage({ type: 'RefundFailed', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Refund', outcome: 'failed', payload: CompensationFailure, description: 'Not refunded now.', example: { code: 'TRANSIENT_FAILURE', reason: 'the database did not answer', retryable: true } }),
  },
});
export type Billing = typeof billing;
