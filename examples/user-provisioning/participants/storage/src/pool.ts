import { isDuplicateKeyError, type DocumentCollection, type LedgerDocument } from '@saga/runtime';

/** There is one pool; every command reads and writes this document. */
export const POOL_ID = 'pool';

/** Creates the pool `{ _id: 'pool', freeGib, allocatedGib: 0, markers }` if it does not exist; an existing pool is never reset. */
export async function seedPool(pools: DocumentCollection<LedgerDocument>, poolGib: number): Promise<void> {
  try {
    await pools.updateOne({ _id: POOL_ID }, { $setOnInsert: { freeGib: poolGib, allocatedGib: 0, markers: {} } }, { upsert: true });
  } catch (error) {
    // Two instances starting together: the other one's insert won, which is what we wanted.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

export function freeGibOf(pool: LedgerDocument | null): number {
  return typeof pool?.['freeGib'] === 'number' ? pool['freeGib'] : 0;
}
