import { loadConfig, participantMain } from '@saga/runtime';
import { provisioningSystem } from '../../../contracts/src/index.ts';
import { StorageConfig } from './config.ts';
import { createStorageParticipant, STORAGE_COLLECTIONS } from './participant.ts';

// Parsed before connecting, so a bad setting stops the process before it touches anything.
const config = loadConfig(StorageConfig);

await participantMain({
  system: provisioningSystem,
  name: 'storage',
  collections: STORAGE_COLLECTIONS,
  create: (db) => createStorageParticipant(db, { poolGib: config.STORAGE_POOL_GIB, quotaGib: config.STORAGE_QUOTA_GIB }),
});
