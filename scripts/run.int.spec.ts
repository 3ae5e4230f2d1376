// Needs running: RabbitMQ at AMQP_URL. MongoDB is deliberately pointed at a port nothing listens on.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AMQP_URL } from '../runtime/src/testing/index.ts';

const root = join(import.meta.dirname, '..');

describe('./run with configuration for the real system', () => {
  it.each([
    { how: './run --real', args: ['--real'] },
    { how: './run with MONGO_URL set', args: [] },
  ])('exits non-zero naming the MongoDB that does not answer, and starts nothing ($how)', async ({ args }) => {
    const mongoUrl = `mongodb://127.0.0.1:${await unusedPort()}`;
    const result = await run(args, { AMQP_URL, MONGO_URL: mongoUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no MongoDB answers at MONGO_URL=${mongoUrl}: connection refused`);
    expect(result.stderr).not.toContain('starting the in-memory sandbox');
    // Nothing was started: `pnpm start` and the sandbox both print on stdout.
    expect(result.stdout).toBe('');
  }, 120_000);
});

/** ./run in an environment like CI's: HOME and PATH only, plus what the test sets. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'run'), args, { env: { HOME: process.env['HOME'] ?? '', PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
