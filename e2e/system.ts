/**
 * Starts the whole system the way the README tells a user to — `pnpm start` — in its own
 * namespace (queues, exchanges and databases prefixed, so runs never see each other), waits until
 * every service consumes, and offers what a client outside the system has: a raw AMQP channel,
 * the HTTP API and read access to each service's database for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import amqplib from 'amqplib';
import { MongoClient, type Db } from 'mongodb';
import { allQueues, topology } from '@saga/contracts';
import { assertTopology } from '@saga/runtime';
import { AMQP_URL, MONGO_URL, deleteTopology, dropDatabases, eventually, testNamespace } from '@saga/runtime/testing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TERMINAL = ['completed', 'compensated', 'failed'];

export interface RunningSystem {
  namespace: string;
  httpUrl: string;
  channel: amqplib.ConfirmChannel;
  /** Database of one service, e.g. db('inventory'). */
  db(service: string): Db;
  /** Publishes a JSON body to an exchange of the namespace, as any AMQP client would. */
  publish(exchange: 'commands' | 'replies', routingKey: string, body: unknown): Promise<void>;
  getJson<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }>;
  waitForTerminal(sagaId: string): Promise<Record<string, unknown>>;
  /** Current value of a Prometheus counter sample, 0 when absent. */
  metric(name: string, labels: Record<string, string>): Promise<number>;
  /** What the processes printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const namespace = testNamespace('e2e');
  const port = await freePort();
  const names = topology(namespace);
  const connection = await amqplib.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  await assertTopology(channel, names);
  const mongo = await new MongoClient(MONGO_URL, { retryWrites: false }).connect();
  let output = '';
  const child: ChildProcess = spawn(pnpmCommand(), ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SAGA_NAMESPACE: namespace, HTTP_PORT: String(port), LOG_LEVEL: 'warn', FORCE_COLOR: '0', ...env },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const httpUrl = `http://127.0.0.1:${port}`;
  const system: RunningSystem = {
    namespace,
    httpUrl,
    channel,
    db: (service) => mongo.db(`${namespace}_${service}`),
    async publish(exchange, routingKey, body) {
      channel.publish(`${namespace}.${exchange}`, routingKey, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), {
        persistent: true,
        contentType: 'application/json',
      });
      await channel.waitForConfirms();
    },
    async getJson(path) {
      const response = await fetch(`${httpUrl}${path}`);
      return { status: response.status, body: (await response.json()) as never };
    },
    async waitForTerminal(sagaId) {
      return eventually(async () => {
        const { status, body } = await system.getJson(`/sagas/${sagaId}`);
        if (status !== 200 || !TERMINAL.includes(String(body['status']))) throw new Error(`saga ${sagaId} not terminal yet: ${status} ${String(body['status'])}`);
        return body;
      }, { timeoutMs: 30_000 });
    },
    async metric(name, labels) {
      const text = await (await fetch(`${httpUrl}/metrics`)).text();
      const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const line = text
        .split('\n')
        .find((l) => (wanted.length === 0 ? l.startsWith(`${name} `) : l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w))));
      return line ? Number(line.split(' ').at(-1)) : 0;
    },
    output: () => output,
    async stop() {
      await stopProcessGroup(child);
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await mongo.close();
      await deleteTopology(names);
      await dropDatabases(namespace);
    },
  };
  try {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}`);
      const health = await fetch(`${httpUrl}/healthz`);
      if (!health.ok) throw new Error('orchestrator not healthy');
      for (const queue of allQueues(names).filter((q) => q.consumer !== 'operator')) {
        const { consumerCount } = await channel.checkQueue(queue.name);
        if (consumerCount < 1) throw new Error(`${queue.name} has no consumer yet`);
      }
    }, { timeoutMs: 45_000, intervalMs: 250 });
  } catch (error) {
    await system.stop();
    throw new Error(`system did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return system;
}

function pnpmCommand(): string {
  const execPath = process.env['npm_execpath'];
  return execPath && /pnpm/.test(execPath) && !execPath.endsWith('.cjs') && !execPath.endsWith('.js') ? execPath : 'pnpm';
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
