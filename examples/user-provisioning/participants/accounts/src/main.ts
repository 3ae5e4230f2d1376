import { participantMain } from '@saga/runtime';
import { provisioningSystem } from '../../../contracts/src/index.ts';
import { ACCOUNTS_COLLECTIONS, createAccountsParticipant } from './participant.ts';

await participantMain({
  system: provisioningSystem,
  name: 'accounts',
  collections: ACCOUNTS_COLLECTIONS,
  create: (db) => createAccountsParticipant(db),
});
