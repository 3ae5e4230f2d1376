import { loadConfig, participantMain } from '@saga/runtime';
import { provisioningSystem } from '../../../contracts/src/index.ts';
import { PermissionsConfig } from './config.ts';
import { createPermissionsParticipant, PERMISSIONS_COLLECTIONS } from './participant.ts';

const config = loadConfig(PermissionsConfig);

await participantMain({
  system: provisioningSystem,
  name: 'permissions',
  collections: PERMISSIONS_COLLECTIONS,
  create: (db) => createPermissionsParticipant(db, config.PERMISSION_ROLES),
});
