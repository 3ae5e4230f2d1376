import { orderSystem } from '@order-fulfilment/contracts';
import { loadConfig, participantMain } from '@saga/runtime';
import { PaymentConfig } from './config.ts';
import { createPaymentParticipant } from './participant.ts';

// Parsed before connecting, so a bad PAYMENT_DEFAULT_LIMIT_CENTS stops the process before it touches anything.
const config = loadConfig(PaymentConfig);

await participantMain({
  system: orderSystem,
  name: 'payment',
  collections: ['accounts', 'account_markers'],
  create: async (db) => createPaymentParticipant(db, { defaultLimitCents: config.PAYMENT_DEFAULT_LIMIT_CENTS }),
});
