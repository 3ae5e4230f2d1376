// Needs nothing running: the sandbox brings its own broker and stores (the e2e tier's global setup still checks for RabbitMQ and MongoDB).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../orchestrator/src/cli/saga-cli.ts', import.meta.url));

/** The environment of a newcomer's shell: nothing points at a broker or a database. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { AMQP_URL: _a, MONGO_URL: _m, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let sandbox: ChildProcess;
let output = '';
let api: string;

beforeAll(async () => {
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  sandbox = spawn(process.execPath, [MAIN], { cwd: ROOT, env: bareEnv({ SANDBOX_HTTP_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  sandbox.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  sandbox.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(async () => {
    if (sandbox.exitCode !== null) throw new Error(`the sandbox exited with ${sandbox.exitCode}:\n${output}`);
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
  }, { timeoutMs: 30_000, intervalMs: 200 });
});

afterAll(async () => {
  if (!sandbox || sandbox.exitCode !== null) return;
  const exited = new Promise((resolve) => sandbox.once('exit', resolve));
  sandbox.kill('SIGTERM');
  await exited;
});

const example = (name: string) => JSON.parse(readFileSync(`${ROOT}/examples/${name}.json`, 'utf8')) as Record<string, unknown>;

async function getSaga(sagaId: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${api}/sagas/${sagaId}`)).json()) as Record<string, unknown>;
}

async function startExample(name: string): Promise<string> {
  const response = await fetch(`${api}/sagas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sagaType: 'order-fulfilment', input: example(name) }) });
  expect(response.status).toBe(202);
  return ((await response.json()) as { sagaId: string }).sagaId;
}

const settlesAs = (sagaId: string, status: string) =>
  eventually(async () => {
    const saga = await getSaga(sagaId);
    expect(saga['status']).toBe(status);
    return saga;
  }, { timeoutMs: 30_000, intervalMs: 200 });

describe('the sandbox', () => {
  it('says at start, and on every response, that nothing is durable', async () => {
    expect(output).toContain('SANDBOX — NOTHING IS DURABLE');
    for (const path of ['/', '/healthz', '/sagas', '/metrics', '/sagas/no-such-saga']) {
      expect((await fetch(`${api}${path}`)).headers.get('x-saga-sandbox'), path).toBe('nothing is durable');
    }
  });

  it('completes examples/order.json', async () => {
    const saga = await settlesAs(await startExample('order'), 'completed');
    expect(saga['sandbox']).toBe('nothing is durable');
  });

  it('compensates examples/order-declined.json: payment is declined and the stock released', async () => {
    const saga = await settlesAs(await startExample('order-declined'), 'compensated');
    expect(saga).toMatchObject({ failure: { step: 'process-payment', code: 'LIMIT_EXCEEDED' } });
  });

  it('parks examples/order-parks.json at its refund, and an operator resumes it to the end', async () => {
    const sagaId = await startExample('order-parks');
    const parked = await settlesAs(sagaId, 'parked');
    expect(parked).toMatchObject({ failure: { step: 'create-shipment', code: 'DESTINATION_NOT_SERVED' }, parked: { step: 'process-payment', phase: 'compensation' } });

    const response = await fetch(`${api}/sagas/${sagaId}/actions?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'resume-compensation', reason: 'refunds work again', operator: 'newcomer' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'applied' });
    const ended = await settlesAs(sagaId, 'compensated');
    expect(Object.entries(ended['steps'] as Record<string, { status: string }>).map(([name, s]) => [name, s.status])).toEqual([
      ['reserve-inventory', 'compensated'],
      ['process-payment', 'compensated'],
      ['create-shipment', 'failed'],
      ['send-confirmation', 'pending'],
      ['send-dispatch-notice', 'pending'],
    ]);
  });

  it('takes a start from the project CLI, over the API', async () => {
    const started = spawnSync(process.execPath, [CLI, 'start', `${ROOT}/examples/order.json`], { encoding: 'utf8', env: bareEnv({ ORCHESTRATOR_URL: api }) });
    expect(started.status, started.stderr).toBe(0);
    await settlesAs(started.stdout.trim(), 'completed');
  });

  it('refuses to start when the real system is configured, rather than pretend to be it', () => {
    const refused = spawnSync(process.execPath, [MAIN], { cwd: ROOT, encoding: 'utf8', env: { ...bareEnv({ SANDBOX_HTTP_PORT: '0' }), AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('AMQP_URL is set');
  });
});
