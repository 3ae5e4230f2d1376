import { describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryStore, SagaState, SagaStore } from '../src/index.ts';

/** A saga document with sensible defaults; every test makes its own ids. */
export function sagaState(overrides: Partial<SagaState> = {}): SagaState {
  const now = '2026-11-21T10:00:00.000Z';
  return {
    schema: 2,
    sagaId: `saga-${Math.random().toString(36).slice(2, 10)}`,
    sagaType: 'purchase',
    definitionVersion: 1,
    status: 'running',
    input: { orderId: 'o-1' },
    startedBy: 'start-1',
    steps: {
      'reserve-stock': { status: 'running', action: { attempt: 1, commandIds: ['c-1'], budget: { used: 1, startedAt: now }, timeoutAt: now } },
      'charge-card': { status: 'pending' },
    },
    outbox: [],
    outboxSince: null,
    history: [{ seq: 0, at: now, event: 'saga-started' }],
    historyCount: 1,
    recentActionIds: [],
    wakeAt: null,
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
      expect(await store.save({ ...saga, status: 'completed' }, saga)).toBe('saved');
      expect(await store.load(saga.sagaId)).toMatchObject({ status: 'completed', version: 2 });
    });

    it('stores exactly the next state, whichever fields and steps changed or went away', async () => {
      const store = await makeStore();
      const saga = sagaState({ failure: { step: 'x', code: 'C', reason: 'r' }, deadlineAt: '2026-11-21T11:00:00.000Z' });
      await store.insert(saga);
      const { failure: _failure, ...withoutFailure } = saga;
      const next: SagaState = {
        ...withoutFailure,
        status: 'compensating',
        steps: { ...saga.steps, 'charge-card': { status: 'failed', failure: { code: 'LIMIT', reason: 'no' } } },
        history: [...saga.history, { seq: 1, at: saga.updatedAt, event: 'step-failed', step: 'charge-card' }],
        historyCount: 2,
      };
      expect(await store.save(next, saga)).toBe('saved');
      expect(await store.load(saga.sagaId)).toEqual({ ...next, version: 2 });
      const { deadlineAt: _deadline, ...third } = { ...next, version: 2, steps: { 'reserve-stock': next.steps['reserve-stock']!, 'charge-card': next.steps['charge-card']! } };
      expect(await store.save(third as SagaState, { ...next, version: 2 })).toBe('saved');
      expect(await store.load(saga.sagaId)).toEqual({ ...third, version: 3 });
    });

    it('refuses a save from a stale version', async () => {
      const store = await makeStore();
      const saga = sagaState();
      await store.insert(saga);
      await store.save({ ...saga, status: 'compensating' }, saga);
      expect(await store.save({ ...saga, status: 'completed' }, saga)).toBe('conflict');
      expect(await store.load(saga.sagaId)).toMatchObject({ status: 'compensating', version: 2 });
    });

    it('finds sagas whose outbox has waited long enough, oldest first', async () => {
      const store = await makeStore();
      const entry = { to: 'stock', step: 'reserve-stock', phase: 'action' as const, envelope: { messageId: 'm', type: 'ReserveStock', schemaVersion: 1, occurredAt: '2026-11-21T10:00:00.000Z', payload: {} } };
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
      for (const s of [later, notYet, earlier, none]) await store.insert(s);
      const found = await store.findDue('2026-11-21T10:00:00.000Z', 10);
      const ours = found.filter((d) => [later, earlier, notYet, none].some((s) => s.sagaId === d.sagaId));
      expect(ours).toEqual([
        { sagaId: earlier.sagaId, wakeAt: earlier.wakeAt },
        { sagaId: later.sagaId, wakeAt: later.wakeAt },
      ]);
    });

    it('lists parked sagas', async () => {
      const store = await makeStore();
      const type = `type-${Math.random().toString(36).slice(2, 8)}`;
      const why = { reason: 'compensation-exhausted' as const, detail: 'release failed 10 times', step: 'reserve-stock', phase: 'compensation' as const, at: '2026-11-21T10:00:00.000Z' };
      const parked = sagaState({ sagaType: type, status: 'parked', parked: why });
      await store.insert(parked);
      await store.insert(sagaState({ sagaType: type, status: 'running' }));
      const listed = await store.list({ sagaType: type, status: 'parked' });
      expect(listed.map((s) => s.sagaId)).toEqual([parked.sagaId]);
      expect(listed[0]!.parked).toEqual(why);
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
      expect(listed[0]).toEqual({ sagaId: b.sagaId, sagaType: type, definitionVersion: 1, status: 'completed', createdAt: b.createdAt, updatedAt: b.updatedAt });
      expect(await store.list({ sagaType: type, limit: 1 })).toHaveLength(1);
    });

    it('counts the sagas not yet ended by definition version', async () => {
      const store = await makeStore();
      const type = `type-${Math.random().toString(36).slice(2, 8)}`;
      for (const s of [
        sagaState({ sagaType: type, definitionVersion: 1, status: 'running' }),
        sagaState({ sagaType: type, definitionVersion: 1, status: 'parked' }),
        sagaState({ sagaType: type, definitionVersion: 2, status: 'compensating' }),
        sagaState({ sagaType: type, definitionVersion: 3, status: 'completed' }),
      ]) await store.insert(s);
      const ours = (await store.countActive()).filter((c) => c.sagaType === type).sort((a, b) => a.definitionVersion - b.definitionVersion);
      expect(ours).toEqual([{ sagaType: type, definitionVersion: 1, count: 2 }, { sagaType: type, definitionVersion: 2, count: 1 }]);
    });
  });
}

/** What every HistoryStore must do, on memory and on MongoDB. */
export function historyStoreContract(name: string, makeStore: () => Promise<HistoryStore>): void {
  const entry = (seq: number): HistoryEntry => ({ seq, at: `2026-11-21T10:00:0${seq % 10}.000Z`, event: 'step-retry-scheduled', step: 'pay', detail: `attempt ${seq}` });

  describe(`HistoryStore contract: ${name}`, () => {
    it('reads back what was appended, oldest first, saga by saga', async () => {
      const store = await makeStore();
      const saga = `saga-${Math.random().toString(36).slice(2, 10)}`;
      await store.append(saga, [entry(2), entry(0), entry(1)]);
      await store.append(`${saga}-other`, [entry(0)]);
      expect(await store.read(saga)).toEqual([entry(0), entry(1), entry(2)]);
    });

    it('keeps the first copy when an append is retried', async () => {
      const store = await makeStore();
      const saga = `saga-${Math.random().toString(36).slice(2, 10)}`;
      await store.append(saga, [entry(0), entry(1)]);
      await store.append(saga, [{ ...entry(1), detail: 'changed' }, entry(2)]);
      expect(await store.read(saga)).toEqual([entry(0), entry(1), entry(2)]);
    });

    it('reads nothing for a saga without moved history', async () => {
      expect(await (await makeStore()).read('no-such-saga')).toEqual([]);
    });
  });
}
