import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const CLI = fileURLToPath(new URL('./saga-cli.ts', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../examples/order.json', import.meta.url));
// Port 9 (discard) has no listener here: neither the API nor the broker answers.
// Spawning node with the CLI's imports takes seconds on a busy machine; the default 5 s is too tight.
const SPAWNS = { timeout: 30_000 };
const nowhere = { ORCHESTRATOR_URL: 'http://127.0.0.1:9', AMQP_URL: 'amqp://guest:guest@127.0.0.1:9' };
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...nowhere } });

/** Runs the CLI without blocking the event loop, so a stub server in this process can answer it. */
function runAsync(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...nowhere, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** An orchestrator API stand-in that answers POST /sagas as told and keeps the bodies it got. */
async function stubApi(answer: { status: number; body: unknown }) {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (c: Buffer) => (text += c.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/sagas') bodies.push(JSON.parse(text));
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('the saga CLI on bad input', () => {
  it('prints the usage and exits 2 without a command', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('pnpm saga start <input.json>');
  });

  it('exits 2 with a message for an unreadable input file', () => {
    const result = run('start', '/no/such/file.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot read /no/such/file.json as JSON');
  });

  it('exits 2 for a saga id that could never be valid', () => {
    const result = run('start', CLI, '--id', 'has spaces');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--id must be');
  });

  it('exits 2 for an unknown option', () => {
    expect(run('list', '--colour', 'red').status).toBe(2);
  });

  it('exits non-zero with a message when the orchestrator cannot be reached', () => {
    const result = run('show', 'saga-1');
    expect(result.status).not.toBe(0);
    expect(result.stderr.length).toBeGreaterThan(0);
  });

  it('exits non-zero naming both when neither the API nor the broker answers a start', () => {
    const result = run('start', EXAMPLE);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("neither the orchestrator's API");
  });

  it('exits 2 with the reason when the API refuses the saga', SPAWNS, async () => {
    const api = await stubApi({ status: 400, body: { error: 'input: items: too small', code: 'ERR_INVALID_SAGA_INPUT' } });
    const result = await runAsync({ ORCHESTRATOR_URL: api.url }, 'start', EXAMPLE);
    expect(result).toMatchObject({ status: 2, stderr: expect.stringContaining('400: input: items: too small') });
  });
});

describe('saga start over HTTP', () => {
  it('posts the StartSaga payload to the API and prints the saga id it answers', SPAWNS, async () => {
    const api = await stubApi({ status: 202, body: { sagaId: 'saga-from-api' } });
    const result = await runAsync({ ORCHESTRATOR_URL: api.url }, 'start', EXAMPLE, '--key', 'checkout-1');
    expect(result).toMatchObject({ status: 0, stdout: 'saga-from-api\n' });
    expect(api.bodies).toEqual([expect.objectContaining({ sagaType: 'order-fulfilment', idempotencyKey: 'checkout-1', input: expect.objectContaining({ orderId: 'order-1001' }) })]);
  });
});
