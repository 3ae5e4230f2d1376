// Needs running: FerretDB (or MongoDB) at MONGO_URL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCollection, LedgerDocument, ParticipantDefinition } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { provisioningSystem, type ProvisioningSystem } from '../../../contracts/src/index.ts';
import { createStorageParticipant } from './participant.ts';
import { POOL_ID } from './pool.ts';

let spec: ParticipantDatabase;
let pools: DocumentCollection<LedgerDocument>;
let storage: ParticipantDefinition<ProvisioningSystem, 'storage'>;

beforeAll(async () => {
  spec = await openParticipantDatabase('storage');
  pools = spec.db.collection<LedgerDocument>('pools');
});
afterAll(() => spec?.drop());
beforeEach(async () => {
  await pools.deleteMany({});
  storage = await createStorageParticipant(spec.db, { poolGib: 100, quotaGib: 60 });
});

const allocate = (sagaId: string, gib: number) =>
  storage.handles.AllocateStorage(handlerContext(provisioningSystem, 'AllocateStorage', sagaId, 'allocate-storage', { username: 'ada', gib }));
const release = (sagaId: string) => storage.handles.ReleaseStorage(handlerContext(provisioningSystem, 'ReleaseStorage', sagaId, 'allocate-storage', { username: 'ada' }));
const pool = async () => {
  const p = await pools.findOne({ _id: POOL_ID });
  return { freeGib: p?.['freeGib'], allocatedGib: p?.['allocatedGib'] };
};

describe('AllocateStorage', () => {
  it('takes the space from the pool and names a bucket for the user', async () => {
    expect(await allocate('saga-a', 40)).toMatchObject({ type: 'StorageAllocated', payload: { gib: 40, bucket: expect.stringMatching(/^ada-[0-9a-f]{6}$/) } });
    expect(await pool()).toEqual({ freeGib: 60, allocatedGib: 40 });
  });

  it('refuses QUOTA_EXCEEDED above the per-user quota and takes nothing', async () => {
    expect(await allocate('saga-a', 61)).toMatchObject({ type: 'StorageAllocationRefused', payload: { code: 'QUOTA_EXCEEDED', retryable: false } });
    expect(await pool()).toEqual({ freeGib: 100, allocatedGib: 0 });
  });

  it('refuses POOL_EXHAUSTED when the pool has less free space than asked', async () => {
    await allocate('saga-a', 60);
    expect(await allocate('saga-b', 50)).toMatchObject({ type: 'StorageAllocationRefused', payload: { code: 'POOL_EXHAUSTED' } });
    expect(await pool()).toEqual({ freeGib: 40, allocatedGib: 60 });
  });

  it('answers a repeat with the recorded bucket and takes the space once', async () => {
    const first = await allocate('saga-a', 40);
    expect(await allocate('saga-a', 40)).toEqual(first);
    expect(await pool()).toEqual({ freeGib: 60, allocatedGib: 40 });
  });

  it('never resets an existing pool when the service starts again with another size', async () => {
    await allocate('saga-a', 40);
    storage = await createStorageParticipant(spec.db, { poolGib: 1000, quotaGib: 60 });
    expect(await pool()).toEqual({ freeGib: 60, allocatedGib: 40 });
  });
});

describe('ReleaseStorage', () => {
  it('gives back exactly what the allocation took, once', async () => {
    await allocate('saga-a', 40);
    expect(await release('saga-a')).toEqual({ type: 'StorageReleased', payload: { outcome: 'compensated' } });
    expect(await release('saga-a')).toEqual({ type: 'StorageReleased', payload: { outcome: 'compensated' } });
    expect(await pool()).toEqual({ freeGib: 100, allocatedGib: 0 });
  });

  it('after a refusal there is nothing to give back', async () => {
    await allocate('saga-a', 61);
    expect(await release('saga-a')).toEqual({ type: 'StorageReleased', payload: { outcome: 'nothing-to-compensate' } });
    expect(await pool()).toEqual({ freeGib: 100, allocatedGib: 0 });
  });
});
