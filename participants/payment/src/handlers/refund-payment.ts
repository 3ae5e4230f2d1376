import { type OrderSystem } from '@order-fulfilment/contracts';
import type { PaymentProcessed } from '@order-fulfilment/contracts';
import type { Handler, Ledger } from '@saga/runtime';
import { ensureAccount, type Accounts } from '../account.ts';

/**
 * RefundPayment: gives back exactly the recorded charge. The command carries no amount, so the
 * refund comes from the ledger, never from the message.
 */
export function refundPayment(accounts: Accounts, ledger: Ledger, defaultLimitCents: number): Handler<OrderSystem, 'RefundPayment'> {
  return async ({ key, payload }) => {
    // A refund can overtake the charge for a customer never seen before; its no-op marker needs a document.
    await ensureAccount(accounts, payload.customerId, defaultLimitCents);
    const outcome = await ledger.compensate<PaymentProcessed>(payload.customerId, key, ({ amount }) => ({
      $inc: { availableCents: amount.cents, chargedCents: -amount.cents, refundedCents: amount.cents },
    }));
    return { type: 'PaymentRefunded', payload: { outcome: outcome.kind } };
  };
}
