import { MongoClient } from 'mongodb';

/**
 * One client per process. Writes are acknowledged only once journaled on a majority: a message is
 * acked after its write, so a write a crash could still lose would lose a saga step (FerretDB
 * ignores the write concern). Retryable writes are off because FerretDB v1 does not support them;
 * our writes are idempotent by design (version-guarded or marker-guarded), so a retried write is
 * safe without driver help.
 */
export async function connectMongo(url: string, appName: string): Promise<MongoClient> {
  const client = new MongoClient(url, {
    appName,
    retryWrites: false,
    serverSelectionTimeoutMS: 10_000,
    writeConcern: { w: 'majority', journal: true },
  });
  await client.connect();
  return client;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
