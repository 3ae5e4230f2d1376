import { defineParticipant, Ledger, MARKERS_KEPT, type ArchivedMarker, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { provisioningSystem, type ProvisioningSystem } from '../../../contracts/src/index.ts';
import { allocateStorage } from './handlers/allocate-storage.ts';
import { releaseStorage } from './handlers/release-storage.ts';
import { POOL_ID, seedPool } from './pool.ts';
import type { StorageLimits } from './quota-rules.ts';

/** The collections the storage participant writes. */
export const STORAGE_COLLECTIONS = ['pools', 'pool_markers'] as const;

/** The storage participant over its own database; seeds the pool if it is new. */
export async function createStorageParticipant(db: DocumentDatabase, limits: StorageLimits, now?: () => Date): Promise<ParticipantDefinition<ProvisioningSystem, 'storage'>> {
  const pools = db.collection<LedgerDocument>('pools');
  await seedPool(pools, limits.poolGib);
  const ledger = new Ledger(pools, now, db.collection<ArchivedMarker>('pool_markers'));
  return defineParticipant(provisioningSystem, {
    name: 'storage',
    handles: { AllocateStorage: allocateStorage(ledger, limits.quotaGib), ReleaseStorage: releaseStorage(ledger) },
    // Every command reads and writes the one pool document: one at a time.
    serializeOn: () => `pool:${POOL_ID}`,
    // Every allocation adds a marker to the pool document; move the old ones out to keep it small.
    housekeeping: [{ name: 'archive-pool-markers', everyMs: 2_000, run: (serialize) => serialize(`pool:${POOL_ID}`, () => ledger.prune(POOL_ID, MARKERS_KEPT)).then(() => undefined) }],
  });
}
