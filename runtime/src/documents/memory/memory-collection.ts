import { Query } from 'mingo';
import { update, type Modifier } from 'mingo/updater';
import type { DocumentCollection, DocumentFilter, DocumentUpdate, StoredDocument, UpdateOutcome } from '../document-collection.ts';

/**
 * One collection of the in-memory twin. Queries and update operators are mingo's (a maintained
 * implementation of MongoDB's); what is ours is the glue MongoDB adds around them: the unique `_id`
 * (error code 11000), upserts that seed the new document from the filter's equalities and apply
 * `$setOnInsert` (which mingo does not know), copies in and out so callers never share state with
 * the store. Every operation runs to completion before the next starts, so a guarded update is
 * atomic here — stricter than FerretDB, as MongoDB is.
 */
export class MemoryCollection<T extends StoredDocument> implements DocumentCollection<T> {
  readonly name: string;
  readonly #documents = new Map<string, T>();

  constructor(name: string) {
    this.name = name;
  }

  async findOne(filter: DocumentFilter): Promise<T | null> {
    const found = this.#find(filter);
    return found ? structuredClone(found) : null;
  }

  async insertOne(document: T): Promise<{ insertedId: string }> {
    this.#insert(document);
    return { insertedId: document._id };
  }

  async insertMany(documents: T[], options: { ordered?: boolean } = {}): Promise<{ insertedCount: number }> {
    const writeErrors: Array<{ code: number; index: number; errmsg: string }> = [];
    let insertedCount = 0;
    for (const [index, document] of documents.entries()) {
      if (this.#documents.has(document._id)) {
        writeErrors.push({ code: 11000, index, errmsg: this.#duplicate(document._id).message });
        if (options.ordered ?? true) break;
        continue;
      }
      this.#insert(document);
      insertedCount += 1;
    }
    if (writeErrors.length > 0) throw Object.assign(new Error(writeErrors[0]!.errmsg), { code: 11000, writeErrors, insertedCount });
    return { insertedCount };
  }

  async updateOne(filter: DocumentFilter, update: DocumentUpdate, options: { upsert?: boolean } = {}): Promise<UpdateOutcome> {
    const { outcome } = this.#update(filter, update, options.upsert ?? false);
    return outcome;
  }

  async findOneAndUpdate(filter: DocumentFilter, update: DocumentUpdate, options: { upsert?: boolean; returnDocument?: 'before' | 'after' }): Promise<T | null> {
    const { before, after } = this.#update(filter, update, options.upsert ?? false);
    const chosen = options.returnDocument === 'after' ? after : before;
    return chosen ? structuredClone(chosen) : null;
  }

  async replaceOne(filter: DocumentFilter, replacement: T, options: { upsert?: boolean } = {}): Promise<UpdateOutcome> {
    const found = this.#find(filter);
    if (found) {
      this.#documents.set(found._id, { ...structuredClone(replacement), _id: found._id });
      return { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 };
    }
    if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
    this.#insert({ ...seedFrom(filter), ...structuredClone(replacement) } as T);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
  }

  async deleteOne(filter: DocumentFilter): Promise<{ deletedCount: number }> {
    const found = this.#find(filter);
    if (found) this.#documents.delete(found._id);
    return { deletedCount: found ? 1 : 0 };
  }

  async deleteMany(filter: DocumentFilter): Promise<{ deletedCount: number }> {
    const query = new Query(filter, {});
    const doomed = [...this.#documents.values()].filter((d) => query.test(d));
    for (const d of doomed) this.#documents.delete(d._id);
    return { deletedCount: doomed.length };
  }

  #find(filter: DocumentFilter): T | undefined {
    // By _id first: the common case, and what MongoDB answers from its index.
    if (typeof filter['_id'] === 'string') {
      const candidate = this.#documents.get(filter['_id']);
      return candidate && new Query(filter, {}).test(candidate) ? candidate : undefined;
    }
    const query = new Query(filter, {});
    return [...this.#documents.values()].find((d) => query.test(d));
  }

  #update(filter: DocumentFilter, update: DocumentUpdate, upsert: boolean): { outcome: UpdateOutcome; before?: T; after?: T } {
    const { $setOnInsert, ...modifier } = update;
    const found = this.#find(filter);
    if (found) {
      const next = structuredClone(found);
      const changed = Object.keys(modifier).length > 0 ? applyUpdate(next, modifier) : [];
      this.#documents.set(found._id, next);
      return { outcome: { matchedCount: 1, modifiedCount: changed.length > 0 ? 1 : 0, upsertedCount: 0 }, before: structuredClone(found), after: next };
    }
    if (!upsert) return { outcome: { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 } };
    const created = seedFrom(filter);
    applyUpdate(created, { ...modifier, $set: { ...$setOnInsert, ...modifier.$set } });
    // The filter did not match, yet the id is taken: MongoDB's upsert fails the same way.
    this.#insert(created as T);
    return { outcome: { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 }, after: structuredClone(created) as T };
  }

  #insert(document: T): void {
    if (typeof document._id !== 'string') throw new Error(`${this.name}: documents need a string _id`);
    if (this.#documents.has(document._id)) throw this.#duplicate(document._id);
    this.#documents.set(document._id, structuredClone(document));
  }

  #duplicate(id: string): Error {
    return Object.assign(new Error(`E11000 duplicate key error collection: ${this.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`), { code: 11000 });
  }
}

/** The document an upsert starts from: the filter's plain equalities (dotted paths expanded); operators are left out. */
function seedFrom(filter: DocumentFilter): Record<string, unknown> {
  const equalities = Object.entries(filter).filter(([key, value]) => !key.startsWith('$') && !isOperatorObject(value));
  // mingo refuses to $set `_id` (MongoDB's rule for updates), so the id goes in first, by hand.
  const { _id, ...rest } = Object.fromEntries(equalities.map(([k, v]) => [k, structuredClone(v)]));
  const seed: Record<string, unknown> = _id === undefined ? {} : { _id };
  if (Object.keys(rest).length > 0) applyUpdate(seed, { $set: rest });
  return seed;
}

/** mingo's update, in place, deep-copying the values it sets; returns the paths it changed. */
function applyUpdate(document: Record<string, unknown>, modifier: DocumentUpdate): string[] {
  return update(document, modifier as Modifier<Record<string, unknown>>, [], {}, { cloneMode: 'deep' });
}

function isOperatorObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));
}
