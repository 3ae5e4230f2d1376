import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCollection, DocumentDatabase, StoredDocument } from '../src/documents/document-collection.ts';
import { isDuplicateKeyError } from '../src/mongo.ts';

/**
 * The DocumentCollection operations the participants use beyond the ledger (seeding with
 * $setOnInsert, the fault plan's counters, bulk archive inserts), run on MongoDB/FerretDB and on
 * the in-memory twin.
 */
export function documentCollectionContract(name: string, open: () => Promise<{ db: DocumentDatabase; drop(): Promise<void> }>): void {
  describe(`DocumentCollection contract: ${name}`, () => {
    let database: { db: DocumentDatabase; drop(): Promise<void> };
    beforeAll(async () => {
      database = await open();
    });
    afterAll(() => database?.drop());

    const fresh = (): DocumentCollection<StoredDocument> => database.db.collection(`c${randomUUID().slice(0, 8)}`);
    const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

    it('refuses a second document with the same _id with a duplicate-key error', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'a', n: 1 });
      expect(isDuplicateKeyError(await errorOf(c.insertOne({ _id: 'a', n: 2 })))).toBe(true);
      expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    });

    it('goes on past duplicates in an unordered insertMany and names each refused index', async () => {
      const c = fresh();
      await c.insertMany([{ _id: 'b' }, { _id: 'd' }]);
      const error = (await errorOf(c.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }, { _id: 'd' }, { _id: 'e' }], { ordered: false }))) as { writeErrors?: unknown };
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      expect(writeErrors.map((e: { code?: number; index?: number }) => [e.code, e.index])).toEqual([[11000, 1], [11000, 3]]);
      for (const id of ['a', 'c', 'e']) expect(await c.findOne({ _id: id })).not.toBeNull();
    });

    it('upserts from the filter’s equalities and applies $setOnInsert only when it inserts', async () => {
      const c = fresh();
      const first = await c.updateOne({ _id: 'w' }, { $setOnInsert: { stock: { 'SKU-A': 5 } }, $set: { seen: 1 } }, { upsert: true });
      const second = await c.updateOne({ _id: 'w' }, { $setOnInsert: { stock: { 'SKU-A': 999 } }, $set: { seen: 2 } }, { upsert: true });
      expect(first).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
      expect(second).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
      expect(await c.findOne({ _id: 'w' })).toEqual({ _id: 'w', stock: { 'SKU-A': 5 }, seen: 2 });
    });

    it('fails an upsert whose filter misses a document that holds its _id, with a duplicate-key error', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'x', markers: { k: { state: 'done' } } });
      const error = await errorOf(c.updateOne({ _id: 'x', 'markers.k': { $exists: false } }, { $set: { 'markers.k': { state: 'refused' } } }, { upsert: true }));
      expect(isDuplicateKeyError(error)).toBe(true);
    });

    it('guards an update on dotted paths and counts what it matched', async () => {
      const c = fresh();
      await c.insertOne({ _id: 'main', stock: { 'SKU-A': 3, 'SKU-B': 1 } });
      const refused = await c.updateOne({ _id: 'main', 'stock.SKU-A': { $gte: 2 }, 'stock.SKU-B': { $gte: 2 } }, { $inc: { 'stock.SKU-A': -2, 'stock.SKU-B': -2 } });
      const applied = await c.updateOne({ _id: 'main', 'stock.SKU-A': { $gte: 2 } }, { $inc: { 'stock.SKU-A': -2 }, $unset: { 'stock.SKU-B': '' } });
      expect(refused.matchedCount).toBe(0);
      expect(applied.matchedCount).toBe(1);
      expect(await c.findOne({ _id: 'main' })).toEqual({ _id: 'main', stock: { 'SKU-A': 1 } });
    });

    it('counts with findOneAndUpdate, upserting the first time and returning the document after', async () => {
      const c = fresh();
      const counts = [];
      for (let i = 0; i < 3; i += 1) counts.push((await c.findOneAndUpdate({ _id: 'k' }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' }))?.['n']);
      expect(counts).toEqual([1, 2, 3]);
    });

    it('replaces and deletes by filter', async () => {
      const c = fresh();
      await c.insertMany([{ _id: 'r', v: 1 }, { _id: 's', kind: 'x' }, { _id: 't', kind: 'x' }]);
      expect(await c.replaceOne({ _id: 'r' }, { _id: 'r', v: 2 })).toMatchObject({ matchedCount: 1 });
      expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', v: 2 });
      expect(await c.deleteOne({ _id: 'r' })).toEqual(expect.objectContaining({ deletedCount: 1 }));
      expect(await c.deleteMany({ kind: 'x' })).toEqual(expect.objectContaining({ deletedCount: 2 }));
      expect(await c.findOne({})).toBeNull();
    });
  });
}
