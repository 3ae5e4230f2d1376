import { type OrderSystem, orderSystem } from '@order-fulfilment/contracts';
import { defineParticipant, Ledger, MARKERS_KEPT, type ArchivedMarker, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { releaseInventory } from './handlers/release-inventory.ts';
import { reserveInventory } from './handlers/reserve-inventory.ts';
import type { Quantities } from './stock-rules.ts';
import { seedWarehouse, WAREHOUSE_ID } from './warehouse.ts';

export interface InventoryOptions {
  /** Stock of a warehouse created by this start, SKU → count; an existing warehouse is left as it is. */
  seedStock: Quantities;
  /** Clock for ledger timestamps. @default () => new Date() */
  now?: () => Date;
}

/** The inventory participant over its own database; seeds the warehouse if it is new. */
export async function createInventoryParticipant(db: DocumentDatabase, options: InventoryOptions): Promise<ParticipantDefinition<OrderSystem, 'inventory'>> {
  const warehouses = db.collection<LedgerDocument>('warehouses');
  await seedWarehouse(warehouses, options.seedStock);
  const ledger = new Ledger(warehouses, options.now, db.collection<ArchivedMarker>('warehouse_markers'));
  return defineParticipant(orderSystem, {
    name: 'inventory',
    handles: {
      ReserveInventory: reserveInventory(ledger),
      ReleaseInventory: releaseInventory(ledger),
    },
    // Every command reads and writes the one warehouse document, and FerretDB's guarded updates are
    // read-then-write: two reservations at once could both pass the stock check.
    serializeOn: () => `warehouse:${WAREHOUSE_ID}`,
    // Every reservation adds a marker to the one warehouse document; keep it small and fast.
    housekeeping: [
      {
        name: 'archive-warehouse-markers',
        everyMs: 2_000,
        run: (serialize) => serialize(`warehouse:${WAREHOUSE_ID}`, () => ledger.prune(WAREHOUSE_ID, MARKERS_KEPT)).then(() => undefined),
      },
    ],
  });
}
