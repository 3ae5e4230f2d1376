// Needs running: FerretDB (or MongoDB) at MONGO_URL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCollection, LedgerDocument } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { provisioningSystem } from '../../../contracts/src/index.ts';
import { createAccountsParticipant } from './participant.ts';

let spec: ParticipantDatabase;
let users: DocumentCollection<LedgerDocument>;
const accounts = () => createAccountsParticipant(spec.db);

beforeAll(async () => {
  spec = await openParticipantDatabase('accounts');
  users = spec.db.collection<LedgerDocument>('users');
});
afterAll(() => spec?.drop());
beforeEach(() => users.deleteMany({}));

const create = (sagaId: string, username = 'ada') =>
  accounts().handles.CreateUser(handlerContext(provisioningSystem, 'CreateUser', sagaId, 'create-user', { username, email: `${username}@example.com` }));
const deactivate = (sagaId: string, username = 'ada') =>
  accounts().handles.DeactivateUser(handlerContext(provisioningSystem, 'DeactivateUser', sagaId, 'create-user', { username }));
const status = async (username = 'ada') => (await users.findOne({ _id: username }))?.['status'];

describe('CreateUser', () => {
  it('creates an active account keyed by the username', async () => {
    const reply = await create('saga-a');
    expect(reply).toMatchObject({ type: 'UserCreated', payload: { username: 'ada', userId: expect.stringMatching(/^usr-[0-9a-f]{8}$/) } });
    expect(await status()).toBe('active');
  });

  it('refuses USERNAME_TAKEN while another saga’s account is active, and leaves that account alone', async () => {
    const first = await create('saga-a');
    const reply = await create('saga-b');
    expect(reply).toMatchObject({ type: 'UserCreationRefused', payload: { code: 'USERNAME_TAKEN', retryable: false } });
    expect(await users.findOne({ _id: 'ada' })).toMatchObject({ status: 'active', userId: (first.payload as { userId: string }).userId });
  });

  it('refuses reserved names without creating anything', async () => {
    expect(await create('saga-a', 'root')).toMatchObject({ type: 'UserCreationRefused', payload: { code: 'USERNAME_RESERVED' } });
    expect(await status('root')).toBeUndefined();
  });

  it('answers a repeat with the recorded account, once', async () => {
    const first = await create('saga-a');
    expect(await create('saga-a')).toEqual(first);
  });

  it('lets a username be taken again once its account was deactivated', async () => {
    await create('saga-a');
    await deactivate('saga-a');
    expect(await create('saga-b')).toMatchObject({ type: 'UserCreated' });
    expect(await status()).toBe('active');
  });
});

describe('DeactivateUser', () => {
  it('deactivates the account its saga created, once', async () => {
    await create('saga-a');
    expect(await deactivate('saga-a')).toEqual({ type: 'UserDeactivated', payload: { outcome: 'compensated' } });
    expect(await deactivate('saga-a')).toEqual({ type: 'UserDeactivated', payload: { outcome: 'compensated' } });
    expect(await status()).toBe('deactivated');
  });

  it('never deactivates an account another saga holds (a refused saga’s compensation is a no-op)', async () => {
    await create('saga-a');
    await create('saga-b');
    expect(await deactivate('saga-b')).toEqual({ type: 'UserDeactivated', payload: { outcome: 'nothing-to-compensate' } });
    expect(await status()).toBe('active');
  });

  it('arriving before its CreateUser records a no-op, and the late CreateUser is refused', async () => {
    expect(await deactivate('saga-a')).toEqual({ type: 'UserDeactivated', payload: { outcome: 'nothing-to-compensate' } });
    expect(await create('saga-a')).toMatchObject({ type: 'UserCreationRefused', payload: { code: 'ALREADY_COMPENSATED' } });
    expect(await status()).toBeUndefined();
  });
});
