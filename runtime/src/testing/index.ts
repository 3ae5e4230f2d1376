/**
 * @saga/runtime/testing — helpers for integration and end-to-end tests: a unique namespace per test
 * file (so tests share one broker and one database server without seeing each other), polling with
 * a deadline instead of sleeping, and clean-up of what a namespace created. Tests only.
 *
 * @example
 *   const ns = testNamespace('payment');
 *   await eventually(async () => expect(await count()).toBe(1));
 */
import { randomBytes } from 'node:crypto';
import amqplib from 'amqplib';
import { MongoClient } from 'mongodb';
import { allQueues, type Topology } from '@saga/contracts';

export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
export const MONGO_URL = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';

/** A namespace no other test run uses: `t<label><random>`, valid for SAGA_NAMESPACE. */
export function testNamespace(label: string): string {
  return `t${label.replace(/[^a-z0-9]/g, '').slice(0, 12)}${randomBytes(4).toString('hex')}`;
}

export interface EventuallyOptions {
  /** @default 20000 */
  timeoutMs?: number;
  /** @default 100 */
  intervalMs?: number;
}

/**
 * Retries `check` until it stops throwing or the deadline passes, then rethrows its last error —
 * so a failing test says what it was waiting for.
 */
export async function eventually<T>(check: () => Promise<T> | T, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
    }
  }
}

/** Deletes every exchange and queue of a namespace's topology. */
export async function deleteTopology(topology: Topology, url = AMQP_URL): Promise<void> {
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of allQueues(topology)) await channel.deleteQueue(queue.name);
    for (const exchange of Object.values(topology.exchanges)) await channel.deleteExchange(exchange.name);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** Drops every database whose name starts with `<namespace>_`. */
export async function dropDatabases(namespace: string, url = MONGO_URL): Promise<void> {
  const client = new MongoClient(url, { retryWrites: false });
  try {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (name.startsWith(`${namespace}_`)) await client.db(name).dropDatabase();
    }
  } finally {
    await client.close();
  }
}

/** Reads every message currently in a queue (get + ack), e.g. to inspect the dead-letter queue. */
export async function drainQueue(queue: string, url = AMQP_URL): Promise<amqplib.GetMessage[]> {
  const connection = await amqplib.connect(url);
  const messages: amqplib.GetMessage[] = [];
  try {
    const channel = await connection.createChannel();
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (!message) break;
      messages.push(message);
    }
    await channel.close();
  } finally {
    await connection.close();
  }
  return messages;
}
export * from './participant-spec.ts';
export * from './broker-users.ts';
export * from './cluster/start-cluster.ts';
export * from './cluster/namespace-client.ts';
export * from './cluster/orchestrator-http.ts';
export * from './cluster/service-process.ts';
