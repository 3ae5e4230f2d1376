import type { Db } from 'mongodb';
import { ensureFloorCollection } from './floor-mongo.ts';
import { refused, type FloorHandlers } from './floor-handlers.ts';

interface StockDocument {
  _id: string;
  stock: number;
  /** Idempotency markers, saga id → 'reserved' | 'released', in the document they guard. */
  m: Record<string, string>;
}

/**
 * Inventory: one document per SKU. A reservation is one guarded update — enough stock, no marker
 * yet — that takes the stock and writes the marker; only a refusal or a repeat reads the document
 * to say why. (A hot SKU would collect markers; the bench spreads orders over 20 SKUs.)
 */
export async function floorInventory(db: Db, seedStock: Record<string, number>): Promise<FloorHandlers> {
  await ensureFloorCollection(db, 'stock');
  const stock = db.collection<StockDocument>('stock');
  for (const [sku, count] of Object.entries(seedStock)) {
    await stock.updateOne({ _id: sku }, { $setOnInsert: { stock: count, m: {} } }, { upsert: true });
  }
  return {
    keyOf: (_sagaId, payload) => `sku:${String(payload['sku'])}`,
    handles: {
      async ReserveInventory(sagaId, { sku, quantity }) {
        const marker = `m.${sagaId}`;
        const taken = await stock.updateOne(
          { _id: String(sku), stock: { $gte: Number(quantity) }, [marker]: { $exists: false } },
          { $inc: { stock: -Number(quantity) }, $set: { [marker]: 'reserved' } },
        );
        if (taken.modifiedCount === 1) return { type: 'InventoryReserved', payload: {} };
        const current = await stock.findOne({ _id: String(sku) });
        if (current?.m[sagaId] === 'reserved') return { type: 'InventoryReserved', payload: {} };
        const code = !current ? 'UNKNOWN_SKU' : current.m[sagaId] === 'released' ? 'ALREADY_COMPENSATED' : 'INSUFFICIENT_STOCK';
        return refused('InventoryReservationFailed', code);
      },
      async ReleaseInventory(sagaId, { sku, quantity }) {
        const marker = `m.${sagaId}`;
        const released = await stock.updateOne({ _id: String(sku), [marker]: 'reserved' }, { $inc: { stock: Number(quantity) }, $set: { [marker]: 'released' } });
        // Nothing was reserved (yet): leave a marker so a late reservation is refused.
        if (released.modifiedCount === 0) await stock.updateOne({ _id: String(sku), [marker]: { $exists: false } }, { $set: { [marker]: 'released' } });
        return { type: 'InventoryReleased', payload: {} };
      },
    },
  };
}
