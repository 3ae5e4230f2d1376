import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./saga-cli.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ORCHESTRATOR_URL: 'http://127.0.0.1:9' } });

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
});
