import type { OrderSystem } from '@order-fulfilment/contracts';
import { SagaError, type ParticipantDefinition } from '@saga/runtime';

/**
 * A SANDBOX-ONLY FAULT, so that a newcomer sees a saga park and an operator resume it: refunds for
 * this customer fail transiently the first `failures` times per saga (the payment participant
 * answers PaymentRefundFailed with `retryable: true`, as when its database is away). With the
 * sandbox's compensation budget of three attempts the saga parks at process-payment; the operator's
 * `resume-compensation` sends a fourth refund, which works. Nothing like this runs outside the sandbox.
 */
export const REFUND_OUTAGE_CUSTOMER = 'customer-refund-outage';

export function withRefundOutage(payment: ParticipantDefinition<OrderSystem, 'payment'>, customerId: string, failures: number): ParticipantDefinition<OrderSystem, 'payment'> {
  const seen = new Map<string, number>();
  const refund = payment.handles.RefundPayment;
  return {
    ...payment,
    handles: {
      ...payment.handles,
      RefundPayment: async (context) => {
        if (context.payload.customerId === customerId) {
          const attempt = (seen.get(context.key) ?? 0) + 1;
          seen.set(context.key, attempt);
          if (attempt <= failures) {
            throw new SagaError('ERR_INJECTED_FAULT', `sandbox fault: refunds for ${customerId} fail ${failures} times per saga (this was ${attempt})`);
          }
        }
        return refund(context);
      },
    },
  };
}
