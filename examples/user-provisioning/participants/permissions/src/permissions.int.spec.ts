// Needs running: FerretDB (or MongoDB) at MONGO_URL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCollection, LedgerDocument } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { provisioningSystem } from '../../../contracts/src/index.ts';
import { createPermissionsParticipant } from './participant.ts';

let spec: ParticipantDatabase;
let grants: DocumentCollection<LedgerDocument>;
const permissions = () => createPermissionsParticipant(spec.db, ['viewer', 'editor']);

beforeAll(async () => {
  spec = await openParticipantDatabase('permissions');
  grants = spec.db.collection<LedgerDocument>('grants');
});
afterAll(() => spec?.drop());
beforeEach(() => grants.deleteMany({}));

const grant = (sagaId: string, role: string) =>
  permissions().handles.GrantPermissions(handlerContext(provisioningSystem, 'GrantPermissions', sagaId, 'grant-permissions', { username: 'ada', role, bucket: 'ada-1f3c9a' }));

describe('GrantPermissions', () => {
  it('grants a known role on the bucket', async () => {
    expect(await grant('saga-a', 'editor')).toMatchObject({ type: 'PermissionsGranted', payload: { role: 'editor', resource: 'bucket:ada-1f3c9a' } });
    expect(await grants.findOne({ _id: 'saga-a:grant-permissions' })).toMatchObject({ username: 'ada', role: 'editor', status: 'granted' });
  });

  it('refuses UNKNOWN_ROLE naming the roles that exist, and grants nothing', async () => {
    expect(await grant('saga-a', 'owner')).toMatchObject({ type: 'PermissionsRefused', payload: { code: 'UNKNOWN_ROLE', reason: expect.stringContaining('viewer, editor') } });
    expect(await grants.findOne({ _id: 'saga-a:grant-permissions' })).not.toHaveProperty('status');
  });

  it('answers a repeat with the recorded grant (or refusal)', async () => {
    const granted = await grant('saga-a', 'editor');
    expect(await grant('saga-a', 'editor')).toEqual(granted);
    const refused = await grant('saga-b', 'owner');
    expect(await grant('saga-b', 'owner')).toEqual(refused);
  });
});
