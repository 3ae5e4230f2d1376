import { type OrderSystem } from '@order-fulfilment/contracts';
import type { FailureReason } from '@saga/contracts';
import type { ShipmentCreated } from '@order-fulfilment/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import { destinationRefusal, trackingNumberFor } from '../shipment-rules.ts';

/**
 * CreateShipment: books a shipment to a served destination. The shipment document is keyed by the
 * saga step and holds its own marker, so booking is one upsert and a repeat replies with the
 * recorded booking — or the recorded refusal.
 */
export function createShipment(ledger: Ledger, served: ReadonlySet<string>): Handler<OrderSystem, 'CreateShipment'> {
  return async ({ key, payload, log }) => {
    const { orderId, items, address } = payload;
    const refusal = destinationRefusal(served, address.country);
    const trackingNumber = trackingNumberFor(key);
    const outcome = refusal
      ? await ledger.refuse<ShipmentCreated, FailureReason>(key, key, refusal)
      : await ledger.act<ShipmentCreated, FailureReason>(key, key, {
          effect: { $set: { orderId, status: 'booked', trackingNumber, country: address.country, items, address } },
          result: { shipmentId: key, trackingNumber },
          // No guard: the upsert only fails to apply when the document already exists, and then
          // the ledger returns its marker. A document without one was not written by us.
          refusal: () => {
            throw new SagaError('ERR_INCONSISTENT_DATA', 'shipment document exists without its marker');
          },
          upsert: true,
        });
    return actionReply(outcome, { succeeded: 'ShipmentCreated', failed: 'ShipmentRejected', lateReason: 'the shipment was cancelled before it was booked; nothing was booked' }, log);
  };
}
