import type { Db } from 'mongodb';
import { defineParticipant, Ledger, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { processPayment } from './handlers/process-payment.ts';
import { refundPayment } from './handlers/refund-payment.ts';

export interface PaymentOptions {
  /** Spending limit of an account opened by its first command, in minor units. */
  defaultLimitCents: number;
  /** Clock for ledger timestamps. @default () => new Date() */
  now?: () => Date;
}

/** The payment participant over its own database. Accounts are opened on first use. */
export function createPaymentParticipant(db: Db, options: PaymentOptions): ParticipantDefinition<'payment'> {
  const accounts = db.collection<LedgerDocument>('accounts');
  const ledger = new Ledger(accounts, options.now);
  return defineParticipant({
    name: 'payment',
    handles: {
      ProcessPayment: processPayment(accounts, ledger, options.defaultLimitCents),
      RefundPayment: refundPayment(accounts, ledger, options.defaultLimitCents),
    },
    // Two sagas of one customer write the same account, and FerretDB's guarded updates are
    // read-then-write: two charges at once could both pass the limit check.
    serializeOn: ({ payload }) => `customer:${payload.customerId}`,
  });
}
