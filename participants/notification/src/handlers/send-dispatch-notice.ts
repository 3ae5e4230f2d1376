import { type OrderSystem } from '@order-fulfilment/contracts';
import type { FailureReason } from '@saga/contracts';
import type { DispatchNoticeSent } from '@order-fulfilment/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import { suppressionOf } from '../suppression.ts';

/**
 * SendDispatchNotice (order fulfilment v2): records the dispatch notice as sent unless the
 * recipient is suppressed. Like the confirmation, the notice is its own document keyed by the saga
 * step, holding its own marker, so a repeat replies with the recorded outcome.
 */
export function sendDispatchNotice(ledger: Ledger, suppressedDomains: readonly string[]): Handler<OrderSystem, 'SendDispatchNotice'> {
  return async ({ key, payload, log }) => {
    const { orderId, email, trackingNumber } = payload;
    const suppressed = suppressionOf(email, suppressedDomains);
    const outcome = suppressed
      ? await ledger.refuse<DispatchNoticeSent, FailureReason>(key, key, suppressed)
      : await ledger.act<DispatchNoticeSent, FailureReason>(key, key, {
          effect: { $set: { orderId, status: 'sent', kind: 'dispatch-notice', channel: 'email', recipient: email, trackingNumber } },
          result: { notificationId: key },
          refusal: () => {
            throw new SagaError('ERR_INCONSISTENT_DATA', 'notification document exists without its marker');
          },
          upsert: true,
        });
    return actionReply(outcome, { succeeded: 'DispatchNoticeSent', failed: 'DispatchNoticeFailed', lateReason: 'the dispatch notice was compensated before it was sent' }, log);
  };
}
