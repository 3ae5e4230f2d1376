// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts each service as its own process.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startCluster, type Cluster } from '@saga/runtime/testing';
import { provisioningSystem, type ProvisionUserInput } from '../contracts/src/index.ts';

/**
 * The user-provisioning system end to end, over the real broker and database, each service its
 * own process: built only from the framework's public exports (`startCluster` is the framework's).
 */
const APP = fileURLToPath(new URL('..', import.meta.url));
const POOL_GIB = 1_000;
let cluster: Cluster;

interface Saga {
  status: string;
  failure?: { step: string; code: string };
  steps: Record<string, { status: string; action?: { commandIds: string[] }; result?: unknown }>;
  history: { event: string; step?: string; phase?: string; messageId?: string }[];
}

beforeAll(async () => {
  cluster = await startCluster({
    system: provisioningSystem,
    mains: { orchestrator: 'orchestrator/src/main.ts', participant: (name) => `participants/${name}/src/main.ts` },
    cwd: APP,
    label: 'provisioning',
    env: { STORAGE_POOL_GIB: String(POOL_GIB), STORAGE_QUOTA_GIB: '100' },
  });
});
afterAll(async () => {
  await cluster?.stop();
});

const fresh = (over: Partial<ProvisionUserInput> = {}): ProvisionUserInput => {
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  return { username: `u${id}`, email: `u${id}@example.com`, role: 'editor', storageGib: 5, ...over };
};
const startSaga = (sagaId: string, input: ProvisionUserInput, extra: Record<string, unknown> = {}) => ({
  messageId: randomUUID(),
  type: 'StartSaga',
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  payload: { sagaType: 'user-provisioning', sagaId, input, ...extra },
});
async function provision(input: ProvisionUserInput): Promise<{ sagaId: string; saga: Saga }> {
  const sagaId = `prov-${randomUUID()}`;
  await cluster.publish('commands', 'orchestrator', startSaga(sagaId, input));
  return { sagaId, saga: (await cluster.waitForTerminal(sagaId, 60_000)) as unknown as Saga };
}
const account = (username: string) => cluster.db('accounts').collection('users').findOne({ _id: username as never });
const pool = async () => (await cluster.db('storage').collection('pools').findOne({ _id: 'pool' as never })) as unknown as { freeGib: number; allocatedGib: number };
const grantsOf = (username: string) => cluster.db('permissions').collection('grants').countDocuments({ username, status: 'granted' });
/** The steps the saga compensated, in the order it did. */
const compensationsSent = (saga: Saga) => saga.history.filter((h) => h.event === 'step-compensated').map((h) => h.step);

describe('user provisioning over RabbitMQ and the database', () => {
  it('creates the account, allocates its storage and grants the role', async () => {
    const input = fresh();
    const before = await pool();
    const { saga } = await provision(input);

    expect(saga.status).toBe('completed');
    expect(await account(input.username)).toMatchObject({ status: 'active' });
    expect((await pool()).allocatedGib).toBe(before.allocatedGib + 5);
    expect(await grantsOf(input.username)).toBe(1);
  });

  it('refuses a username an active account holds, and leaves that account as it was', async () => {
    const input = fresh();
    await provision(input);
    const holder = await account(input.username);
    const held = { status: holder?.['status'], userId: holder?.['userId'], email: holder?.['email'], createdBy: holder?.['createdBy'] };
    const { saga } = await provision({ ...input, email: 'someone-else@example.com' });

    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'create-user', code: 'USERNAME_TAKEN' } });
    expect(compensationsSent(saga)).toEqual([]);
    // Only the refusal is recorded beside the holder's account (a marker); the account itself is untouched.
    expect(await account(input.username)).toMatchObject(held);
  });

  it('over the storage quota: the account it created is deactivated', async () => {
    const input = fresh({ storageGib: 500 });
    const before = await pool();
    const { saga } = await provision(input);

    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'allocate-storage', code: 'QUOTA_EXCEEDED' } });
    expect(compensationsSent(saga)).toEqual(['create-user']);
    expect(await account(input.username)).toMatchObject({ status: 'deactivated' });
    expect(await pool()).toEqual(expect.objectContaining({ freeGib: before.freeGib, allocatedGib: before.allocatedGib }));
  });

  it('an unknown role: the storage is released, then the account deactivated, in reverse', async () => {
    const input = fresh({ role: 'owner' });
    const before = await pool();
    const { saga } = await provision(input);

    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'grant-permissions', code: 'UNKNOWN_ROLE' } });
    expect(compensationsSent(saga)).toEqual(['allocate-storage', 'create-user']);
    expect(await account(input.username)).toMatchObject({ status: 'deactivated' });
    expect(await pool()).toEqual(expect.objectContaining({ freeGib: before.freeGib, allocatedGib: before.allocatedGib }));
    expect(await grantsOf(input.username)).toBe(0);
  });

  it('a StartSaga sent twice starts one saga, and a redelivered command is applied once', async () => {
    const input = fresh();
    const sagaId = `prov-${randomUUID()}`;
    const start = startSaga(sagaId, input);
    await cluster.publish('commands', 'orchestrator', start);
    await cluster.publish('commands', 'orchestrator', { ...start, messageId: randomUUID() });
    await cluster.waitForTerminal(sagaId, 60_000);
    const saga = (await cluster.db('orchestrator').collection('sagas').findOne({ _id: sagaId as never })) as unknown as Saga;
    const before = await pool();

    // The allocation command again, as a broker redelivery would bring it to storage.
    const allocate = saga.steps['allocate-storage']!.action!.commandIds.at(-1)!;
    const duplicatesBefore = await cluster.metric('saga_messages_total', { type: 'StorageAllocated', outcome: 'duplicate' });
    await cluster.publish('commands', 'storage', {
      messageId: allocate,
      type: 'AllocateStorage',
      schemaVersion: 1,
      correlationId: sagaId,
      step: 'allocate-storage',
      occurredAt: new Date().toISOString(),
      payload: { username: input.username, gib: input.storageGib },
    });

    await eventually(async () => {
      expect(await cluster.metric('saga_messages_total', { type: 'StorageAllocated', outcome: 'duplicate' })).toBe(duplicatesBefore + 1);
    });
    expect(await cluster.db('orchestrator').collection('sagas').countDocuments({ _id: sagaId as never })).toBe(1);
    expect(await pool()).toEqual(before);
    expect(await grantsOf(input.username)).toBe(1);
  });

  it('an orchestrator killed after committing a step, before publishing its command, finishes the saga after restart', async () => {
    const input = fresh();
    // The 2nd commit of a saga is UserCreated's: the AllocateStorage it decided is committed, not yet sent.
    await cluster.restart('orchestrator-1', { SAGA_CRASH_AT: 'orchestrator:after-commit@2' });
    const sagaId = `prov-${randomUUID()}`;
    await cluster.publish('commands', 'orchestrator', startSaga(sagaId, input));
    expect((await cluster.waitForExit('orchestrator-1', 60_000)).signal).toBe('SIGKILL');
    await cluster.restart('orchestrator-1');

    const saga = (await cluster.waitForTerminal(sagaId, 60_000)) as unknown as Saga;
    expect(saga.status).toBe('completed');
    expect(await account(input.username)).toMatchObject({ status: 'active' });
    expect(await grantsOf(input.username)).toBe(1);
  });
});
