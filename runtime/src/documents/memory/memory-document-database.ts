import type { DocumentCollection, DocumentDatabase, StoredDocument } from '../document-collection.ts';
import { MemoryCollection } from './memory-collection.ts';

/**
 * The in-memory twin of a participant's MongoDB database: collections created on first use, as
 * MongoDB does. Nothing is durable; it lives as long as the process. Import it from
 * `@saga/runtime/memory-documents`, not the package root: it loads mingo, which the services
 * running on MongoDB have no use for (a third of a second of start-up on a busy machine).
 */
export class MemoryDocumentDatabase implements DocumentDatabase {
  readonly name: string;
  readonly #collections = new Map<string, MemoryCollection<StoredDocument>>();

  constructor(name = 'memory') {
    this.name = name;
  }

  collection<T extends StoredDocument = StoredDocument>(name: string): DocumentCollection<T> {
    let collection = this.#collections.get(name);
    if (!collection) {
      collection = new MemoryCollection<StoredDocument>(`${this.name}.${name}`);
      this.#collections.set(name, collection);
    }
    return collection as unknown as DocumentCollection<T>;
  }
}
