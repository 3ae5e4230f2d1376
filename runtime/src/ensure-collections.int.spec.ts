// Needs MongoDB/FerretDB at MONGO_URL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MongoClient } from 'mongodb';
import { connectMongo, databaseName, ensureCollections } from './index.ts';
import { MONGO_URL, dropDatabases, testNamespace } from './testing/index.ts';

const ns = testNamespace('collections');
let mongo: MongoClient;

beforeAll(async () => {
  mongo = await connectMongo(MONGO_URL, 'ensure-collections-spec');
});
afterAll(async () => {
  await mongo?.close();
  await dropDatabases(ns);
});

it('creates the missing collections of a new database, and a second call changes nothing', async () => {
  const db = mongo.db(databaseName(ns, 'svc'));
  await ensureCollections(db, ['first', 'second']);
  await ensureCollections(db, ['first', 'second', 'third']);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  expect(names).toEqual(['first', 'second', 'third']);
});
