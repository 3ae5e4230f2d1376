import { describe, expect, it } from 'vitest';
import type { SagaState, SagaStore } from '../src/index.ts';

/** A saga document with sensible defaults; every test makes its own ids. */
export function sagaState(overrides: Partial<SagaState> = {}): SagaState {
  const now = '2026-11-21T10:00:00.000Z';
  return {
    sagaId: `saga-${Math.random().toString(36).slice(2, 10)}`,
    sagaType: 'order-fulfilment',
    definitionVersion: 1,
    status: 'running',
    input: { orderId: 'o-1' },
    startedBy: 'start-1',
    steps: [{ name: 'reserve-inventory', participant: 'inventory', status: 'running', attempt: 1, commandId: 'c-1' }],
    outbox: [],
    outboxSince: null,
    appliedMessageIds: ['start-1'],
    history: [{ at: now, event: 'saga-started' }],
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/**
 * What every SagaStore must do, run against each adapter (memory in unit tests, MongoDB/FerretDB
 * in integration tests) so that the fast fake cannot drift from the real thing.
 */
export function sagaStoreContract(name: string, makeStore: () => Promise<SagaStore>): void {
  describe(`SagaStore contract: ${name}`, () => {
    it('loads what it inserted, unchanged', async () => {
      const store = await makeStore();
      const saga = sagaState({ input: { nested: { list: [1, 2] } }, failure: { step: 'x', code: 'C', reason: 'r' } });
      expect(await store.insert(saga)).toBe('inserted');
      expect(await store.load(saga.sagaId)).toEqual(saga);
    });

    it('says "exists" when the saga id is taken, and keeps the first', async () => {
      const store = await makeStore();
      const saga = sagaState();
      await store.insert(saga);
      expect(await store.insert({ ...saga, status: 'completed' })).toBe('exists');
      expect((await store.load(saga.sagaId))!.status).toBe('running');
    });

    it('returns undefined for an unknown saga', async () => {
      expect(await (await makeStore()).load('no-such-saga')).toBeUndefined();
    });

    it('saves with the expected version and stores version + 1', async () => {
      const store = await makeStore();
      const saga = sagaState();
      await store.insert(saga);
      expect(await store.save({ ...saga, status: 'completed' }, 1)).toBe('saved');
      expect(await store.load(saga.sagaId)).toMatchObject({ status: 'completed', version: 2 });
    });

    it('refuses a save from a stale version', async () => {
      const store = await makeStore();
      const saga = sagaState();
      await store.insert(saga);
      await store.save({ ...saga, status: 'compensating' }, 1);
      expect(await store.save({ ...saga, status: 'completed' }, 1)).toBe('conflict');
      expect(await store.load(saga.sagaId)).toMatchObject({ status: 'compensating', version: 2 });
    });

    it('finds sagas whose outbox has waited long enough, oldest first', async () => {
      const store = await makeStore();
      const entry = { to: 'inventory' as const, envelope: { messageId: 'm', type: 'ReserveInventory', schemaVersion: 1, occurredAt: '2026-11-21T10:00:00.000Z', payload: {} } };
      const older = sagaState({ outbox: [entry], outboxSince: '2026-11-21T09:00:00.000Z' });
      const old = sagaState({ outbox: [entry], outboxSince: '2026-11-21T09:30:00.000Z' });
      const fresh = sagaState({ outbox: [entry], outboxSince: '2026-11-21T10:59:00.000Z' });
      const empty = sagaState();
      for (const s of [old, fresh, older, empty]) await store.insert(s);
      const found = await store.findPendingOutbox('2026-11-21T10:00:00.000Z', 10);
      const ours = found.filter((p) => [older, old, fresh, empty].some((s) => s.sagaId === p.sagaId));
      expect(ours).toEqual([
        { sagaId: older.sagaId, since: older.outboxSince },
        { sagaId: old.sagaId, since: old.outboxSince },
      ]);
    });

    it('finds sagas whose timer is due, earliest first, and none without a timer', async () => {
      const store = await makeStore();
      const later = sagaState({ wakeAt: '2026-11-21T09:59:59.000Z' });
      const earlier = sagaState({ wakeAt: '2026-11-21T09:00:00.000Z' });
      const notYet = sagaState({ wakeAt: '2026-11-21T10:00:01.000Z' });
      const none = sagaState({ wakeAt: null });
      const legacy = sagaState();
      for (const s of [later, notYet, earlier, none, legacy]) await store.insert(s);
      const found = await store.findDue('2026-11-21T10:00:00.000Z', 10);
      const ours = found.filter((d) => [later, earlier, notYet, none, legacy].some((s) => s.sagaId === d.sagaId));
      expect(ours).toEqual([
        { sagaId: earlier.sagaId, wakeAt: earlier.wakeAt },
        { sagaId: later.sagaId, wakeAt: later.wakeAt },
      ]);
    });

    it('lists parked sagas', async () => {
      const store = await makeStore();
      const type = `type-${Math.random().toString(36).slice(2, 8)}`;
      const parked = sagaState({ sagaType: type, status: 'parked' });
      await store.insert(parked);
      await store.insert(sagaState({ sagaType: type, status: 'running' }));
      expect((await store.list({ sagaType: type, status: 'parked' })).map((s) => s.sagaId)).toEqual([parked.sagaId]);
    });

    it('lists sagas by status and type, newest first', async () => {
      const store = await makeStore();
      const type = `type-${Math.random().toString(36).slice(2, 8)}`;
      const a = sagaState({ sagaType: type, status: 'completed', createdAt: '2026-11-21T10:00:01.000Z' });
      const b = sagaState({ sagaType: type, status: 'completed', createdAt: '2026-11-21T10:00:02.000Z' });
      const c = sagaState({ sagaType: type, status: 'compensated' });
      for (const s of [a, b, c]) await store.insert(s);
      const listed = await store.list({ sagaType: type, status: 'completed' });
      expect(listed.map((s) => s.sagaId)).toEqual([b.sagaId, a.sagaId]);
      expect(listed[0]).toEqual({ sagaId: b.sagaId, sagaType: type, status: 'completed', createdAt: b.createdAt, updatedAt: b.updatedAt });
      expect(await store.list({ sagaType: type, limit: 1 })).toHaveLength(1);
    });
  });
}
