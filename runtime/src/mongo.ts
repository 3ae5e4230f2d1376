import { MongoClient, type Db } from 'mongodb';
import type { DbCommandListener } from './db-command-metrics.ts';
import type { DocumentCollection, DocumentDatabase, StoredDocument } from './documents/document-collection.ts';

export interface MongoConnectOptions {
  /**
   * Told the name of every command the driver sends (command monitoring, e.g. `dbCommandCounter`).
   * Off when absent: the driver then builds no monitoring events. @default none
   */
  onCommand?: DbCommandListener;
}

/**
 * One client per process. Writes are acknowledged only once journaled on a majority: a message is
 * acked after its write, so a write a crash could still lose would lose a saga step (FerretDB
 * ignores the write concern). Retryable writes are off because FerretDB v1 does not support them;
 * our writes are idempotent by design (version-guarded or marker-guarded), so a retried write is
 * safe without driver help.
 */
export async function connectMongo(url: string, appName: string, options: MongoConnectOptions = {}): Promise<MongoClient> {
  const { onCommand } = options;
  const client = new MongoClient(url, {
    appName,
    retryWrites: false,
    serverSelectionTimeoutMS: 10_000,
    // A lost majority must not block a partition for ever: a write that is not acknowledged by a
    // majority within wtimeoutMS fails (transient: the message is retried), and no reply is waited
    // for longer than socketTimeoutMS (the connection is closed and the operation fails). Not
    // timeoutMS: driver 7.9 deprecated it and ignores it.
    writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 },
    socketTimeoutMS: 30_000,
    monitorCommands: onCommand !== undefined,
  });
  if (onCommand) client.on('commandStarted', (event) => onCommand(event.commandName));
  await client.connect();
  return client;
}

/**
 * A MongoDB database as the narrow DocumentDatabase the participants are written against. The
 * collections are the driver's own; the cast only drops the driver's typing, which assumes ObjectId
 * ids where ours are strings we choose (a MongoDB Collection has every method DocumentCollection names).
 */
export function documentDatabaseOf(db: Db): DocumentDatabase {
  return {
    collection: <T extends StoredDocument>(name: string) => db.collection(name) as unknown as DocumentCollection<T>,
  };
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Creates the collections (and so the database) a service writes, if they are missing. Run at
 * start-up, before consuming: FerretDB v1 on PostgreSQL creates a collection under a global
 * metadata lock and then waits for a pool connection, while every other write holds a connection
 * and waits for that lock — the first upsert into a new collection under load deadlocks the server
 * (seen with 200 sagas at once). MongoDB does not need this; it does no harm there.
 */
export async function ensureCollections(db: Db, names: readonly string[]): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of names) {
    if (existing.has(name)) continue;
    try {
      await db.createCollection(name);
    } catch (error) {
      // Another process created it meanwhile (NamespaceExists).
      if ((error as { code?: unknown }).code !== 48) throw error;
    }
  }
}
