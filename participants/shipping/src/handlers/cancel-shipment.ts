import { type OrderSystem } from '@order-fulfilment/contracts';
import type { Handler, Ledger } from '@saga/runtime';

/**
 * CancelShipment: marks the booking cancelled, once. When no booking exists yet, the ledger
 * creates the shipment document just to hold a no-op marker, so a late booking is refused.
 */
export function cancelShipment(ledger: Ledger): Handler<OrderSystem, 'CancelShipment'> {
  return async ({ key }) => {
    const outcome = await ledger.compensate(key, key, () => ({ $set: { status: 'cancelled' } }), true);
    return { type: 'ShipmentCancelled', payload: { outcome: outcome.kind } };
  };
}
