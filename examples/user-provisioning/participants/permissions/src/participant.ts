import { defineParticipant, Ledger, type DocumentDatabase, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { provisioningSystem, type ProvisioningSystem } from '../../../contracts/src/index.ts';
import { grantPermissions } from './handlers/grant-permissions.ts';

export const PERMISSIONS_COLLECTIONS = ['grants'] as const;

/** The permissions participant over its own database: one grant document per saga step. */
export function createPermissionsParticipant(db: DocumentDatabase, roles: readonly string[], now?: () => Date): ParticipantDefinition<ProvisioningSystem, 'permissions'> {
  const ledger = new Ledger(db.collection<LedgerDocument>('grants'), now);
  return defineParticipant(provisioningSystem, {
    name: 'permissions',
    handles: { GrantPermissions: grantPermissions(ledger, new Set(roles)) },
  });
}
