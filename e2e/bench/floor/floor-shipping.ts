import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { ensureFloorCollection } from './floor-mongo.ts';
import { refused, type FloorHandlers } from './floor-handlers.ts';

/**
 * Shipping: refuses unserved countries without a write; books with one upsert of the shipment
 * (keyed by saga, so the document is its own marker); cancels with one upsert, which also blocks a
 * booking that arrives late.
 */
export async function floorShipping(db: Db, countries: ReadonlySet<string>): Promise<FloorHandlers> {
  await ensureFloorCollection(db, 'shipments');
  const shipments = db.collection<{ _id: string; status: string; trackingNumber?: string }>('shipments');
  return {
    keyOf: (sagaId) => sagaId,
    handles: {
      async CreateShipment(sagaId, { orderId, items, address }) {
        const { country } = address as { country: string };
        if (!countries.has(country)) return refused('ShipmentRejected', 'DESTINATION_NOT_SERVED');
        const trackingNumber = `TRK-${createHash('sha256').update(sagaId).digest('hex').slice(0, 10).toUpperCase()}`;
        const booked = await shipments.updateOne(
          { _id: sagaId },
          { $setOnInsert: { orderId, status: 'booked', trackingNumber, country, items, address } },
          { upsert: true },
        );
        if (booked.upsertedCount === 1) return { type: 'ShipmentCreated', payload: { trackingNumber } };
        const existing = await shipments.findOne({ _id: sagaId });
        if (existing?.status === 'booked') return { type: 'ShipmentCreated', payload: { trackingNumber } };
        return refused('ShipmentRejected', 'ALREADY_COMPENSATED');
      },
      async CancelShipment(sagaId) {
        await shipments.updateOne({ _id: sagaId }, { $set: { status: 'cancelled' } }, { upsert: true });
        return { type: 'ShipmentCancelled', payload: {} };
      },
    },
  };
}
