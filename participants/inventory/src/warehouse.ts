import { isDuplicateKeyError, type DocumentCollection, type LedgerDocument } from '@saga/runtime';
import type { Quantities } from './stock-rules.ts';

/** There is one warehouse; every command reads and writes this document. */
export const WAREHOUSE_ID = 'main';

/**
 * The warehouse document is `{ _id: 'main', stock: { [sku]: count }, markers }`. Creates it with `stock` if it does not exist. `$setOnInsert` makes this safe on every
 * start: an existing warehouse (with live counts and markers) is never reset.
 */
export async function seedWarehouse(warehouses: DocumentCollection<LedgerDocument>, stock: Quantities): Promise<void> {
  try {
    await warehouses.updateOne({ _id: WAREHOUSE_ID }, { $setOnInsert: { stock, markers: {} } }, { upsert: true });
  } catch (error) {
    // Two instances starting together: the other one's insert won, which is what we wanted.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** The stock of a warehouse document as read back by the ledger (missing document → no stock). */
export function stockOf(warehouse: LedgerDocument | null): Readonly<Record<string, unknown>> {
  return (warehouse?.['stock'] as Record<string, unknown> | undefined) ?? {};
}
