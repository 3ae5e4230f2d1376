import { MongoClient, type Db } from 'mongodb';
import type { FloorMetrics } from './floor-metrics.ts';

/**
 * The same client settings as the project: writes acknowledged once journaled on a majority
 * (FerretDB ignores it; MongoDB would not), no retryable writes (FerretDB v1 has none), and
 * command monitoring feeding the counter the driver reads.
 */
export async function connectFloorMongo(url: string, appName: string, metrics: FloorMetrics): Promise<MongoClient> {
  const client = new MongoClient(url, { appName, retryWrites: false, writeConcern: { w: 'majority', journal: true }, monitorCommands: true });
  client.on('commandStarted', (event) => metrics.command(event.commandName));
  return client.connect();
}

/**
 * Creates a collection before any load: FerretDB v1 on PostgreSQL can deadlock when the first
 * upsert into a new collection races other writes (see the project's ensureCollections).
 */
export async function ensureFloorCollection(db: Db, name: string): Promise<void> {
  const exists = (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
  if (!exists) await db.createCollection(name).catch((error: { code?: number }) => {
    if (error.code !== 48) throw error;
  });
}
