import { type OrderSystem, orderSystem } from '@order-fulfilment/contracts';
import { defineParticipant, Ledger, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { sendConfirmation } from './handlers/send-confirmation.ts';
import { sendDispatchNotice } from './handlers/send-dispatch-notice.ts';

export interface NotificationOptions {
  /** Recipient domains (and their subdomains) never written to, lower case. */
  suppressedDomains: readonly string[];
  /** Clock for ledger timestamps. @default () => new Date() */
  now?: () => Date;
}

/**
 * The notification participant over its own database. Each notification document (`_id` =
 * `<sagaId>:<step>`) is touched by one saga only, so the default per-saga serialization is enough.
 */
export function createNotificationParticipant(db: DocumentDatabase, options: NotificationOptions): ParticipantDefinition<OrderSystem, 'notification'> {
  const ledger = new Ledger(db.collection<LedgerDocument>('notifications'), options.now);
  return defineParticipant(orderSystem, {
    name: 'notification',
    handles: {
      SendConfirmation: sendConfirmation(ledger, options.suppressedDomains),
      SendDispatchNotice: sendDispatchNotice(ledger, options.suppressedDomains),
    },
  });
}
