import { type OrderSystem } from '@order-fulfilment/contracts';
import type { FailureReason } from '@saga/contracts';
import type { ConfirmationSent } from '@order-fulfilment/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import { suppressionOf } from '../suppression.ts';

/**
 * SendConfirmation: records the confirmation as sent (delivering email is out of scope) unless the
 * recipient is suppressed. The notification document is keyed by the saga step and holds its own
 * marker, so a repeat replies with the recorded outcome and never sends twice.
 */
export function sendConfirmation(ledger: Ledger, suppressedDomains: readonly string[]): Handler<OrderSystem, 'SendConfirmation'> {
  return async ({ key, payload, log }) => {
    const { orderId, email, trackingNumber } = payload;
    const suppressed = suppressionOf(email, suppressedDomains);
    const outcome = suppressed
      ? await ledger.refuse<ConfirmationSent, FailureReason>(key, key, suppressed)
      : await ledger.act<ConfirmationSent, FailureReason>(key, key, {
          effect: { $set: { orderId, status: 'sent', kind: 'confirmation', channel: 'email', recipient: email, trackingNumber } },
          result: { notificationId: key },
          // No guard: the upsert only fails to apply when the document already exists, and then
          // the ledger returns its marker. A document without one was not written by us.
          refusal: () => {
            throw new SagaError('ERR_INCONSISTENT_DATA', 'notification document exists without its marker');
          },
          upsert: true,
        });
    return actionReply(outcome, { succeeded: 'ConfirmationSent', failed: 'ConfirmationFailed', lateReason: 'the confirmation was compensated before it was sent' }, log);
  };
}
