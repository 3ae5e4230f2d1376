import { type OrderSystem, orderSystem } from '@order-fulfilment/contracts';
import { defineParticipant, Ledger, MARKERS_KEPT, type ArchivedMarker, type Handler, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { processPayment } from './handlers/process-payment.ts';
import { refundPayment } from './handlers/refund-payment.ts';

export interface PaymentOptions {
  /** Spending limit of an account opened by its first command, in minor units. */
  defaultLimitCents: number;
  /** Clock for ledger timestamps. @default () => new Date() */
  now?: () => Date;
}

/** The payment participant over its own database. Accounts are opened on first use. */
export function createPaymentParticipant(db: DocumentDatabase, options: PaymentOptions): ParticipantDefinition<OrderSystem, 'payment'> {
  const accounts = db.collection<LedgerDocument>('accounts');
  const ledger = new Ledger(accounts, options.now, db.collection<ArchivedMarker>('account_markers'));
  // Accounts written since the last housekeeping run: only they can have gained markers.
  const touched = new Set<string>();
  const tracked = <C extends 'ProcessPayment' | 'RefundPayment'>(handler: Handler<OrderSystem, C>): Handler<OrderSystem, C> => (context) => {
    touched.add(context.payload.customerId);
    return handler(context);
  };
  return defineParticipant(orderSystem, {
    name: 'payment',
    handles: {
      ProcessPayment: tracked(processPayment(accounts, ledger, options.defaultLimitCents)),
      RefundPayment: tracked(refundPayment(accounts, ledger, options.defaultLimitCents)),
    },
    housekeeping: [
      {
        name: 'archive-account-markers',
        everyMs: 5_000,
        run: async (serialize) => {
          for (const customerId of [...touched]) {
            await serialize(`customer:${customerId}`, () => ledger.prune(customerId, MARKERS_KEPT));
            // Only once pruned: an account whose prune failed is tried again next time.
            touched.delete(customerId);
          }
        },
      },
    ],
    // Two sagas of one customer write the same account, and FerretDB's guarded updates are
    // read-then-write: two charges at once could both pass the limit check.
    serializeOn: ({ payload }) => `customer:${payload.customerId}`,
  });
}
