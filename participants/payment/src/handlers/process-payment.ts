import { type OrderSystem } from '@order-fulfilment/contracts';
import type { FailureReason } from '@saga/contracts';
import type { PaymentProcessed } from '@order-fulfilment/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import { availableOf, ensureAccount, limitExceeded, type Accounts } from '../account.ts';

/**
 * ProcessPayment: charges the customer within the remaining limit. The limit check, the charge and
 * the marker are one guarded update of the account, so a repeat replies with the recorded charge.
 */
export function processPayment(accounts: Accounts, ledger: Ledger, defaultLimitCents: number): Handler<OrderSystem, 'ProcessPayment'> {
  return async ({ key, payload, log }) => {
    const { customerId, amount } = payload;
    await ensureAccount(accounts, customerId, defaultLimitCents);
    const outcome = await ledger.act<PaymentProcessed, FailureReason>(customerId, key, {
      guard: { availableCents: { $gte: amount.cents } },
      effect: { $inc: { availableCents: -amount.cents, chargedCents: amount.cents } },
      result: { paymentId: `pay-${key}`, amount },
      refusal: (account) => {
        const declined = limitExceeded(availableOf(account), amount);
        // The guard failed yet the money is there: another process wrote in between (commands are
        // serialized per customer within a process). Retry rather than record a refusal.
        if (!declined) throw new SagaError('ERR_CONCURRENCY_CONFLICT', 'account changed during the payment');
        return declined;
      },
    });
    return actionReply(outcome, { succeeded: 'PaymentProcessed', failed: 'PaymentDeclined', lateReason: 'the payment was refunded before it arrived; nothing was charged' }, log);
  };
}
