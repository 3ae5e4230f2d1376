// Needs nothing running and no network: renders the HTML docs into a temp dir (about 20 s, most of it compiling the template).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { messageList } from '@saga/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sagaDefinitions } from '@saga/orchestrator/domain';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'saga-asyncapi-html-test-'));
const out = join(work, 'html');
const attempts = join(work, 'network-attempts.log');
/** Runs node offline: the guard is inherited through NODE_OPTIONS by every process it starts (e.g. sync-fetch's worker). */
const offline = (args: string[], log: string) =>
  run(process.execPath, args, {
    env: { ...process.env, NODE_OPTIONS: `--import=${new URL('./testing/block-network.ts', import.meta.url).href}`, NETWORK_ATTEMPT_LOG: log, PUPPETEER_SKIP_DOWNLOAD: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
const attemptsIn = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
let page: string;

beforeAll(async () => {
  await offline([fileURLToPath(new URL('./docs.ts', import.meta.url)), '--out', out], attempts);
  page = readFileSync(join(out, 'index.html'), 'utf8');
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The server-rendered page, before the inlined scripts (which also carry the document as JSON). */
const rendered = () => page.slice(page.indexOf('<div id="root">'), page.indexOf('<script', page.indexOf('<div id="root">')));

describe('the HTML docs (pnpm run docs)', () => {
  it('build without any attempt to reach the network', () => {
    expect(attemptsIn(attempts)).toEqual([]);
  });

  it('are checked by a guard that does notice an attempt, even one made by a child process', async () => {
    const log = join(work, 'guard-check.log');
    const script = "require('node:child_process').spawnSync(process.execPath, ['-e', 'fetch(\"https://registry.npmjs.org/\").catch(() => {})'])";
    await offline(['-e', script], log);
    expect(attemptsIn(log)).toEqual([expect.stringContaining('fetch https://registry.npmjs.org/')]);
  });

  it('show every message of the registry, and the dead letter', () => {
    for (const name of [...messageList.map((m) => m.type), 'DeadLetter']) expect(rendered(), name).toContain(name);
  });

  it('show where to publish StartSaga and each saga flow', () => {
    expect(rendered()).toContain('saga.commands');
    expect(rendered()).toContain('saga.orchestrator.commands');
    for (const { name } of sagaDefinitions) expect(rendered()).toContain(name);
  });

  it('draw the saga flowcharts with Mermaid, inlined', () => {
    expect(rendered()).toContain('language-mermaid');
    expect(page).toContain('globalThis["mermaid"]');
  });

  it('are one self-contained file: no script, stylesheet or icon loaded from elsewhere', () => {
    expect(page).not.toMatch(/<script[^>]*\bsrc=/);
    expect(page).not.toMatch(/<link[^>]*\bhref="(?!data:)/);
  });
});
