import { MongoClient } from 'mongodb';

/**
 * One client per process. Retryable writes are off because FerretDB v1 does not support them;
 * our writes are idempotent by design (version-guarded or marker-guarded), so a retried write
 * is safe without driver help.
 */
export async function connectMongo(url: string, appName: string): Promise<MongoClient> {
  const client = new MongoClient(url, { appName, retryWrites: false, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  return client;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
