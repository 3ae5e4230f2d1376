import { expect, it } from 'vitest';
import { documentCollectionContract } from '../../../test/document-collection.contract.ts';
import { MemoryDocumentDatabase } from './memory-document-database.ts';

documentCollectionContract('memory', async () => ({ db: new MemoryDocumentDatabase('spec'), drop: async () => undefined }));

it('hands out copies, so a caller changing a document it read changes nothing stored', async () => {
  const c = new MemoryDocumentDatabase().collection('things');
  await c.insertOne({ _id: 'a', list: [1] });
  const read = await c.findOne({ _id: 'a' });
  (read!['list'] as number[]).push(2);
  expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', list: [1] });
});
