import { describe, expect, it } from 'vitest';
import { createSagaTestHarness } from '@saga/orchestrator/testing';
import { exampleProvisioning, provisioningSystem } from '../../contracts/src/index.ts';
import { provisioningSagas } from './provision-user.ts';

const harness = () => createSagaTestHarness({ system: provisioningSystem, definitions: provisioningSagas });
const allocated = { bucket: 'ada-1f3c9a', gib: exampleProvisioning.storageGib };

describe('the user-provisioning saga', () => {
  it('creates the account, allocates its storage and grants the role on that bucket', async () => {
    const h = harness();
    await h.start('user-provisioning', exampleProvisioning);
    await h.reply('UserCreated', { userId: 'usr-1', username: 'ada' });
    await h.reply('StorageAllocated', allocated);
    expect(h.lastCommand().envelope.payload).toEqual({ username: 'ada', role: 'editor', bucket: 'ada-1f3c9a' });
    await h.reply('PermissionsGranted', { grantId: 'g-1', role: 'editor', resource: 'bucket:ada-1f3c9a' });

    expect(h.commandTypes()).toEqual(['CreateUser', 'AllocateStorage', 'GrantPermissions']);
    expect(await h.saga()).toMatchObject({ status: 'completed', outbox: [] });
  });

  it('a taken username ends the saga at once: nothing was done, nothing to undo', async () => {
    const h = harness();
    await h.start('user-provisioning', exampleProvisioning);
    await h.reply('UserCreationRefused', { code: 'USERNAME_TAKEN', reason: 'an active account already holds this username', retryable: false });

    expect(h.commandTypes()).toEqual(['CreateUser']);
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'create-user', code: 'USERNAME_TAKEN' } });
  });

  it('a storage refusal deactivates the account it created', async () => {
    const h = harness();
    await h.start('user-provisioning', exampleProvisioning);
    await h.reply('UserCreated', { userId: 'usr-1', username: 'ada' });
    await h.reply('StorageAllocationRefused', { code: 'QUOTA_EXCEEDED', reason: '200 GiB requested, the per-user quota is 100 GiB', retryable: false });
    expect(h.lastCommand().envelope).toMatchObject({ type: 'DeactivateUser', payload: { username: 'ada' } });
    await h.reply('UserDeactivated', { outcome: 'compensated' });

    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'allocate-storage', code: 'QUOTA_EXCEEDED' } });
  });

  it('an unknown role releases the storage, then deactivates the account: in reverse', async () => {
    const h = harness();
    await h.start('user-provisioning', { ...exampleProvisioning, role: 'owner' });
    await h.reply('UserCreated', { userId: 'usr-1', username: 'ada' });
    await h.reply('StorageAllocated', allocated);
    await h.reply('PermissionsRefused', { code: 'UNKNOWN_ROLE', reason: 'role "owner" does not exist', retryable: false });
    await h.reply('StorageReleased', { outcome: 'compensated' });
    await h.reply('UserDeactivated', { outcome: 'compensated' });

    expect(h.commandTypes()).toEqual(['CreateUser', 'AllocateStorage', 'GrantPermissions', 'ReleaseStorage', 'DeactivateUser']);
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'grant-permissions', code: 'UNKNOWN_ROLE' } });
  });

  it('a grant whose outcome is unknown parks the saga for an operator instead of guessing (it is the pivot)', async () => {
    const h = harness();
    await h.start('user-provisioning', exampleProvisioning);
    await h.reply('UserCreated', { userId: 'usr-1', username: 'ada' });
    await h.reply('StorageAllocated', allocated);
    // Every attempt of the grant times out: it may or may not have been given.
    for (let i = 0; i < 10 && (await h.saga()).status === 'running'; i++) await h.advance(60_000);

    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'pivot-outcome-unknown', step: 'grant-permissions' } });
    expect(h.commandTypes().filter((t) => t === 'ReleaseStorage' || t === 'DeactivateUser')).toEqual([]);
  });

  it('refuses a start whose input breaks the contract (an invalid username)', async () => {
    const h = harness();
    await expect(h.start('user-provisioning', { ...exampleProvisioning, username: 'Ada Lovelace' })).rejects.toThrow('ERR_INVALID_SAGA_INPUT');
  });
});
