import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderSystem } from '../order-fulfilment/contracts/src/index.ts';
import { DEFAULT_SYSTEM_MODULE } from './lib/load-system.ts';
import { conventionalLayout, entryOf, REPO_ROOT } from './lib/system-layout.ts';

const launcher = join(import.meta.dirname, 'start-system.ts');
const startSystem = (...args: string[]) => spawnSync(process.execPath, [launcher, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, SAGA_SYSTEM_MODULE: '' } });

describe('the layout convention', () => {
  it("finds the order system's orchestrator beside its contracts and its participants at the root", () => {
    expect(conventionalLayout(DEFAULT_SYSTEM_MODULE)).toEqual({ orchestrator: 'order-fulfilment/orchestrator/src/main.ts', participant: 'participants/<name>/src/main.ts' });
  });

  it('finds an example that keeps its orchestrator and participants in its own folder', () => {
    const present = new Set(['/repo/examples/demo/orchestrator/src/main.ts', '/repo/examples/demo/participants', '/repo/participants']);
    const layout = conventionalLayout('examples/demo/contracts/src/system.ts', '/repo', (path) => present.has(path));
    expect(layout).toEqual({ orchestrator: 'examples/demo/orchestrator/src/main.ts', participant: 'examples/demo/participants/<name>/src/main.ts' });
    expect(entryOf(layout, 'mailer')).toBe('examples/demo/participants/mailer/src/main.ts');
  });

  it('says what it did not find, and never looks above the root', () => {
    const present = new Set(['/orchestrator/src/main.ts', '/participants']);
    expect(() => conventionalLayout('lib/system.ts', '/repo', (path) => present.has(path))).toThrow(expect.objectContaining({ code: 'ERR_NO_LAYOUT', message: expect.stringContaining('orchestrator/src/main.ts nor participants/') }));
  });
});

describe('scripts/start-system.ts (pnpm start)', () => {
  it('starts the orchestrator and every participant of the order system, by default', () => {
    const result = startSystem('--dry-run');
    expect(result.status).toBe(0);
    const layout = conventionalLayout(DEFAULT_SYSTEM_MODULE);
    expect(result.stdout).toBe(orderSystem.services.map((s) => `${s}\t${entryOf(layout, s)}\n`).join(''));
  });

  it('refuses a system whose services it cannot find, saying why', () => {
    const result = startSystem('--system', 'contracts/test/shop-system.ts', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot start contracts/test/shop-system.ts: found no orchestrator/src/main.ts');
  });
});
