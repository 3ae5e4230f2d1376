// Needs nothing running and no network: renders the HTML docs into a temp dir with the CLI (about 40 s: compiling the template, then reading the page).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { inlineCode, inlineCodeDecoration, literalCodeSpans, renderedPage } from '@saga/asyncapi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sagas, system } from './order-document.ts';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'saga-asyncapi-html-test-'));
const out = join(work, 'html');
const attempts = join(work, 'network-attempts.log');
/** The CLI and the network guard, beside @saga/asyncapi's entry point (src/index.ts). */
const frameworkSrc = dirname(createRequire(import.meta.url).resolve('@saga/asyncapi'));
const cli = join(frameworkSrc, 'cli.ts');
const guard = pathToFileURL(join(frameworkSrc, 'testing', 'block-network.ts')).href;
/** Runs node offline: the guard is inherited through NODE_OPTIONS by every process it starts (e.g. sync-fetch's worker). */
const offline = (args: string[], log: string) =>
  run(process.execPath, args, {
    env: { ...process.env, NODE_OPTIONS: `--import=${guard}`, NETWORK_ATTEMPT_LOG: log, PUPPETEER_SKIP_DOWNLOAD: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
const attemptsIn = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
let html: string;
let page: ReturnType<typeof renderedPage>;

beforeAll(async () => {
  await offline([cli, 'docs', '--system', fileURLToPath(new URL('./order-document.ts', import.meta.url)), '--out', out], attempts);
  html = readFileSync(join(out, 'index.html'), 'utf8');
  page = renderedPage(html);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The server-rendered page, before the inlined scripts (which also carry the document as JSON). */
const rendered = () => html.slice(html.indexOf('<div id="root">'), html.indexOf('<script', html.indexOf('<div id="root">')));

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

  it('show every message of the system, and the dead letter', () => {
    for (const name of [...system.messageList.map((m) => m.type), 'DeadLetter']) expect(rendered(), name).toContain(name);
  });

  it('show where to publish StartSaga, the namespace to put in the addresses, and each saga flow', () => {
    expect(rendered()).toContain('{namespace}.commands');
    expect(rendered()).toContain('{namespace}.orchestrator.commands');
    expect(rendered()).toContain('SAGA_NAMESPACE');
    for (const { name } of sagas) expect(rendered()).toContain(name);
  });

  it('show inline code as code elements, without the backticks of its markdown', () => {
    expect(literalCodeSpans(page)).toEqual([]);
    expect(inlineCode(page)).toEqual(expect.arrayContaining(['{namespace}.commands', 'x-delivery-limit', 'correlationId', 'SAGA_NAMESPACE']));
  });

  it("and without the backticks the template's theme would put around them", () => {
    expect(inlineCodeDecoration(page)).toEqual({ before: 'none', after: 'none' });
  });

  it('draw the saga flowcharts with Mermaid, inlined', () => {
    expect(rendered()).toContain('language-mermaid');
    expect(html).toContain('globalThis["mermaid"]');
  });

  it('are one self-contained file: no script, stylesheet or icon loaded from elsewhere', () => {
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/<link[^>]*\bhref="(?!data:)/);
  });
});
