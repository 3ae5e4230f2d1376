/**
 * @order-fulfilment/payment — the payment participant: charges a customer within a spending limit and refunds
 * the charge as compensation. One account document per customer holds the balances and the
 * idempotency markers, so each charge is one guarded update. Run it with `node src/main.ts`;
 * import it only to build the participant in a test or another composition root — never from
 * another participant or the orchestrator.
 *
 * @example
 *   const payment = createPaymentParticipant(db, { defaultLimitCents: 100_000 });
 *   await runParticipant(payment, { broker, logger, prefetch: 32, maxBytes: 262144 });
 */
export { createPaymentParticipant, type PaymentOptions } from './participant.ts';
export { PaymentConfig } from './config.ts';
export { limitExceeded } from './account.ts';
export { seedAccounts } from './seed-accounts.ts';
