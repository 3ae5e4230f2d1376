import { type OrderSystem, orderSystem } from '@order-fulfilment/contracts';
import { defineParticipant, Ledger, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { cancelShipment } from './handlers/cancel-shipment.ts';
import { createShipment } from './handlers/create-shipment.ts';

export interface ShippingOptions {
  /** ISO 3166-1 alpha-2 codes of the destinations the carrier serves. */
  countries: readonly string[];
  /** Clock for ledger timestamps. @default () => new Date() */
  now?: () => Date;
}

/**
 * The shipping participant over its own database. Each shipment document (`_id` = `<sagaId>:<step>`)
 * is touched by one saga only, so the default per-saga serialization is enough.
 */
export function createShippingParticipant(db: DocumentDatabase, options: ShippingOptions): ParticipantDefinition<OrderSystem, 'shipping'> {
  const ledger = new Ledger(db.collection<LedgerDocument>('shipments'), options.now);
  const served = new Set(options.countries);
  return defineParticipant(orderSystem, {
    name: 'shipping',
    handles: {
      CreateShipment: createShipment(ledger, served),
      CancelShipment: cancelShipment(ledger),
    },
  });
}
