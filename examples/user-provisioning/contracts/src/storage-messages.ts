import { z } from 'zod';
import { CompensationFailure, CompensationOutcome, FailureReason, defineMessage } from '@saga/contracts';
import { BucketName, Username } from './ids.ts';

export const AllocateStorage = z.object({ username: Username, gib: z.int().min(1).max(10_000) }).meta({ id: 'AllocateStorage' });
export const StorageAllocated = z.object({ bucket: BucketName, gib: z.int().min(1) }).meta({ id: 'StorageAllocated' });
export type StorageAllocated = z.infer<typeof StorageAllocated>;
export const ReleaseStorage = z.object({ username: Username }).meta({ id: 'ReleaseStorage' });

const common = { version: 1, from: 'orchestrator', to: 'storage' } as const;
const reply = { version: 1, from: 'storage', to: 'orchestrator' } as const;

export const storageMessages = {
  AllocateStorage: defineMessage({
    ...common, type: 'AllocateStorage', kind: 'command', payload: AllocateStorage,
    description: 'Allocate a bucket of `gib` GiB for the user from the shared pool.',
    example: { username: 'ada', gib: 20 },
  }),
  StorageAllocated: defineMessage({
    ...reply, type: 'StorageAllocated', kind: 'reply', payload: StorageAllocated, answers: 'AllocateStorage', outcome: 'succeeded',
    description: 'The bucket exists and its space is taken from the pool.',
    example: { bucket: 'ada-1f3c9a', gib: 20 },
  }),
  StorageAllocationRefused: defineMessage({
    ...reply, type: 'StorageAllocationRefused', kind: 'reply', payload: FailureReason.meta({ id: 'StorageAllocationRefused' }), answers: 'AllocateStorage', outcome: 'failed',
    description: 'Nothing was allocated: `QUOTA_EXCEEDED` (more than one user may have) or `POOL_EXHAUSTED` (the pool has less free space).',
    example: { code: 'QUOTA_EXCEEDED', reason: '200 GiB requested, the per-user quota is 100 GiB', retryable: false },
  }),
  ReleaseStorage: defineMessage({
    ...common, type: 'ReleaseStorage', kind: 'command', payload: ReleaseStorage,
    description: 'Compensation of AllocateStorage: delete the bucket and give its space back to the pool.',
    example: { username: 'ada' },
  }),
  StorageReleased: defineMessage({
    ...reply, type: 'StorageReleased', kind: 'reply', payload: CompensationOutcome.meta({ id: 'StorageReleased' }), answers: 'ReleaseStorage', outcome: 'compensated',
    description: 'The space is back in the pool (or nothing had been allocated).',
    example: { outcome: 'compensated' },
  }),
  StorageReleaseFailed: defineMessage({
    ...reply, type: 'StorageReleaseFailed', kind: 'reply', payload: CompensationFailure, answers: 'ReleaseStorage', outcome: 'failed',
    description: 'The release could not be done now; the orchestrator retries it within its compensation budget.',
    example: { code: 'TRANSIENT_FAILURE', reason: 'the storage database did not answer', retryable: true },
  }),
};
