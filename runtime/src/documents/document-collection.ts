/**
 * The part of MongoDB's Collection API the participants and their ledger use, and nothing more:
 * a MongoDB (or FerretDB) collection satisfies it as it is, and so does the in-memory twin
 * (MemoryDocumentDatabase), which is how the real participants run in the sandbox. Keep it narrow:
 * every method here must behave the same on both, and the ledger contract suite checks that.
 */

/** A document with an id we choose (a SKU warehouse, a customer, a saga step). */
export interface StoredDocument {
  _id: string;
  [field: string]: unknown;
}

/**
 * A filter: equality and query operators (`$exists`, `$gte`, …) on field paths, dotted paths
 * included. Build it from validated scalars only, never from raw input.
 */
export type DocumentFilter = Record<string, unknown>;

/** The update operators in use. `$setOnInsert` applies only when an upsert inserts. */
export interface DocumentUpdate {
  $set?: Record<string, unknown>;
  $unset?: Record<string, ''>;
  $inc?: Record<string, number>;
  $setOnInsert?: Record<string, unknown>;
}

export interface UpdateOutcome {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

/**
 * A write that would create a second document with an `_id` fails with an error whose `code` is
 * 11000 (see isDuplicateKeyError); an unordered insertMany lists each refused document in
 * `writeErrors` with its `index`.
 */
export interface DocumentCollection<T extends StoredDocument = StoredDocument> {
  findOne(filter: DocumentFilter): Promise<T | null>;
  insertOne(document: T): Promise<unknown>;
  insertMany(documents: T[], options?: { ordered?: boolean }): Promise<unknown>;
  updateOne(filter: DocumentFilter, update: DocumentUpdate, options?: { upsert?: boolean }): Promise<UpdateOutcome>;
  findOneAndUpdate(filter: DocumentFilter, update: DocumentUpdate, options: { upsert?: boolean; returnDocument?: 'before' | 'after' }): Promise<T | null>;
  replaceOne(filter: DocumentFilter, replacement: T, options?: { upsert?: boolean }): Promise<UpdateOutcome>;
  deleteOne(filter: DocumentFilter): Promise<{ deletedCount: number }>;
  deleteMany(filter: DocumentFilter): Promise<{ deletedCount: number }>;
}

/** A participant's own database: its collections by name. A MongoDB `Db` is one. */
export interface DocumentDatabase {
  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T>;
}
