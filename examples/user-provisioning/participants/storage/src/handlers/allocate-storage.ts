import type { FailureReason } from '@saga/contracts';
import { actionReply, deriveId, SagaError, type Handler, type Ledger } from '@saga/runtime';
import type { ProvisioningSystem, StorageAllocated } from '../../../../contracts/src/index.ts';
import { freeGibOf, POOL_ID } from '../pool.ts';
import { bucketName, poolRefusal, quotaRefusal } from '../quota-rules.ts';

/**
 * AllocateStorage: within the per-user quota and the pool's free space. One guarded update takes the
 * space and records the allocation in the pool document, so a repeat replies with the same bucket.
 */
export function allocateStorage(ledger: Ledger, quotaGib: number): Handler<ProvisioningSystem, 'AllocateStorage'> {
  return async ({ key, payload, log }) => {
    const { username, gib } = payload;
    const overQuota = quotaRefusal(gib, quotaGib);
    const bucket = bucketName(username, deriveId(key));
    const outcome = overQuota
      ? await ledger.refuse<StorageAllocated, FailureReason>(POOL_ID, key, overQuota, false)
      : await ledger.act<StorageAllocated, FailureReason>(POOL_ID, key, {
          guard: { freeGib: { $gte: gib } },
          effect: { $inc: { freeGib: -gib, allocatedGib: gib } },
          result: { bucket, gib },
          refusal: (pool) => {
            const free = freeGibOf(pool);
            // The guard failed but the space now suffices: another process wrote in between.
            if (free >= gib) throw new SagaError('ERR_CONCURRENCY_CONFLICT', 'pool changed during the allocation');
            return poolRefusal(gib, free);
          },
        });
    return actionReply(outcome, { succeeded: 'StorageAllocated', failed: 'StorageAllocationRefused', lateReason: 'the storage was released before it was allocated; nothing was allocated' }, log);
  };
}
