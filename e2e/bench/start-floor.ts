import { fileURLToPath } from 'node:url';
import amqplib from 'amqplib';
import { MongoClient } from 'mongodb';
import { dropDatabases, testNamespace } from '@saga/runtime/testing';
import { OutputTail, ServiceProcess, freePort } from '@saga/runtime/testing';
import { SEED_STOCK } from './bench-orders.ts';
import type { BenchProcess, BenchSystem } from './bench-system.ts';
import { floorTopology } from './floor/floor-topology.ts';

const FLOOR_DIR = fileURLToPath(new URL('./floor/', import.meta.url));
const PARTICIPANTS = ['inventory', 'payment', 'shipping', 'notification'] as const;

export interface FloorOptions {
  amqpUrl: string;
  mongoUrl: string;
  /** Environment of every floor process (business settings, PREFETCH). */
  env: Record<string, string>;
  /** Publish saga lifecycle events on `<ns>.events`, for the events detector. @default false */
  events?: boolean;
  /** @default 30000 */
  readyTimeoutMs?: number;
}

/**
 * Starts the floor as five processes — four participants, then the orchestrator, as the project's
 * cluster does — in a fresh namespace, each ready once its metrics endpoint answers (it opens that
 * after consuming).
 */
export async function startFloor(options: FloorOptions): Promise<BenchSystem> {
  const namespace = testNamespace('floor');
  const names = floorTopology(namespace);
  const output = new OutputTail(20_000);
  const members: Array<{ process: ServiceProcess; info: Omit<BenchProcess, 'pid'> }> = [];
  const mongo = await new MongoClient(options.mongoUrl, { retryWrites: false }).connect();
  const db = (service: string) => mongo.db(`${namespace}_${service}`);
  // A driver that dies without stop() must not leave the floor consuming a dead namespace.
  const killAll = () => members.forEach((m) => m.process.signal('SIGKILL'));
  process.once('exit', killAll);

  const launch = async (name: string, script: string, args: string[]) => {
    const port = await freePort();
    const child = new ServiceProcess({
      command: process.execPath,
      args: [`${FLOOR_DIR}${script}`, ...args],
      cwd: FLOOR_DIR,
      env: { ...process.env, ...options.env, AMQP_URL: options.amqpUrl, MONGO_URL: options.mongoUrl, FLOOR_NAMESPACE: namespace, METRICS_PORT: String(port), FLOOR_EVENTS: options.events ? '1' : '0' },
      onOutput: (text) => output.append(`[${name}] ${text}`),
    });
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    members.push({ process: child, info: { role: name === 'orchestrator' ? 'orchestrator' : 'participant', name, metricsUrl } });
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (!child.running) throw new Error(`floor ${name} exited while starting:\n${output.toString()}`);
      if ((await fetch(metricsUrl).catch(() => undefined))?.ok) return;
      if (Date.now() > deadline) throw new Error(`floor ${name} not ready:\n${output.toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const stop = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(members.map((m) => m.process.stop('SIGTERM', 5_000)));
    await mongo.close();
    const connection = await amqplib.connect(options.amqpUrl);
    try {
      const channel = await connection.createChannel();
      for (const queue of [names.startQueue, names.replyQueue, ...PARTICIPANTS.map(names.participantQueue)]) await channel.deleteQueue(queue);
      for (const exchange of [names.commands, names.replies, names.events]) await channel.deleteExchange(exchange);
    } finally {
      await connection.close();
    }
    await dropDatabases(namespace, options.mongoUrl);
  };

  try {
    for (const participant of PARTICIPANTS) await launch(participant, 'floor-participant.ts', [participant]);
    await launch('orchestrator', 'floor-orchestrator.ts', []);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  return {
    kind: 'floor',
    namespace,
    start: { exchange: names.commands, routingKey: 'orchestrator' },
    replies: { exchange: names.replies, routingKeys: ['orchestrator'] },
    events: options.events ? names.events : undefined,
    processes: () => members.flatMap((m) => (m.process.pid !== undefined && m.process.running ? [{ ...m.info, pid: m.process.pid }] : [])),
    sagaDatabase: `${namespace}_orchestrator`,
    sagas: () => db('orchestrator').collection('sagas'),
    async effects() {
      const stock = await db('inventory').collection<{ _id: string; stock: number }>('stock').find({}, { projection: { stock: 1 } }).toArray();
      const accounts = await db('payment').collection<{ charged: number }>('accounts').find({}, { projection: { charged: 1 } }).toArray();
      return {
        stockTaken: Object.fromEntries(stock.map((s) => [s._id, (SEED_STOCK[s._id] ?? 0) - s.stock])),
        chargedCents: accounts.reduce((sum, a) => sum + a.charged, 0),
        shipmentsBooked: await db('shipping').collection('shipments').countDocuments({ status: 'booked' }),
        confirmationsSent: await db('notification').collection('notifications').countDocuments({ status: 'sent' }),
      };
    },
    output: () => output.toString(),
    stop,
  };
}
