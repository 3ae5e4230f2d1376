import type { Handler, Ledger } from '@saga/runtime';
import type { ProvisioningSystem, StorageAllocated } from '../../../../contracts/src/index.ts';
import { POOL_ID } from '../pool.ts';

/** ReleaseStorage: gives back exactly what the allocation recorded (the command names only the user). */
export function releaseStorage(ledger: Ledger): Handler<ProvisioningSystem, 'ReleaseStorage'> {
  return async ({ key }) => {
    const outcome = await ledger.compensate<StorageAllocated>(POOL_ID, key, (allocated) => ({ $inc: { freeGib: allocated.gib, allocatedGib: -allocated.gib } }));
    return { type: 'StorageReleased', payload: { outcome: outcome.kind } };
  };
}
