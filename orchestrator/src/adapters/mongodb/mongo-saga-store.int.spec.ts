// Needs a MongoDB-compatible server at MONGO_URL (FerretDB v1 here; MongoDB in docker-compose).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { MONGO_URL, testNamespace } from '@saga/runtime/testing';
import { historyStoreContract, sagaState, sagaStoreContract } from '../../../test/saga-store.contract.ts';
import { MongoHistoryStore } from './mongo-history-store.ts';
import { MongoSagaStore } from './mongo-saga-store.ts';

const client = new MongoClient(MONGO_URL, { retryWrites: false });
const db = client.db(`${testNamespace('store')}_orchestrator`);

beforeAll(() => client.connect());
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

sagaStoreContract('mongodb', async () => new MongoSagaStore(db));
historyStoreContract('mongodb', async () => {
  const store = new MongoHistoryStore(db);
  await store.ensureIndexes();
  return store;
});

describe('MongoSagaStore on the server', () => {
  it('creates the indexes for status, type, time and the outbox relay', async () => {
    const store = new MongoSagaStore(db);
    await store.insert(sagaState());
    await store.ensureIndexes();
    const names = (await db.collection('sagas').indexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['status_updatedAt', 'sagaType_createdAt', 'createdAt', 'outboxSince']));
  });

  it('ensures its indexes again on a restart, when they exist already', async () => {
    const store = new MongoSagaStore(db);
    await store.ensureIndexes();
    await store.ensureIndexes();
    expect((await db.collection('sagas').indexes()).map((i) => i.name)).toContain('outboxSince');
  });

  it('keeps one document per saga, keyed by the saga id', async () => {
    const store = new MongoSagaStore(db);
    const saga = sagaState();
    await store.insert(saga);
    await store.save({ ...saga, status: 'completed' }, saga);
    expect(await db.collection('sagas').countDocuments({ _id: saga.sagaId as never })).toBe(1);
  });
});
