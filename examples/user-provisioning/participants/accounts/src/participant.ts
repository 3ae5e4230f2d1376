import { defineParticipant, Ledger, type ArchivedMarker, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { provisioningSystem, type ProvisioningSystem } from '../../../contracts/src/index.ts';
import { createUser } from './handlers/create-user.ts';
import { deactivateUser } from './handlers/deactivate-user.ts';

/** The collections the accounts participant writes. */
export const ACCOUNTS_COLLECTIONS = ['users', 'user_markers'] as const;

/** The accounts participant over its own database: one document per username. */
export function createAccountsParticipant(db: DocumentDatabase, now?: () => Date): ParticipantDefinition<ProvisioningSystem, 'accounts'> {
  const ledger = new Ledger(db.collection<LedgerDocument>('users'), now, db.collection<ArchivedMarker>('user_markers'));
  return defineParticipant(provisioningSystem, {
    name: 'accounts',
    handles: { CreateUser: createUser(ledger), DeactivateUser: deactivateUser(ledger) },
    // Two sagas for one username touch one document, and FerretDB's guarded updates are
    // read-then-write: one at a time per username (per process; see the README on FerretDB).
    serializeOn: ({ payload }) => `user:${payload.username}`,
  });
}
