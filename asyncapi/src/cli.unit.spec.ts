import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENT_FILE, runCli } from './cli.ts';

// Runs the CLI in this process, on the bookshop fixture module; `docs` is exercised by the order
// system's html.int.spec.ts (it takes half a minute).
const work = mkdtempSync(join(tmpdir(), 'saga-asyncapi-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = relative(process.cwd(), fileURLToPath(new URL('../test/bookshop-system.ts', import.meta.url)));
const code = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: { code?: string }) => error.code);

describe('the asyncapi CLI', () => {
  it("generates a system's document from the module it names, the header naming the command that did", async () => {
    const out = join(work, 'generated');
    const args = ['generate', '--system', fixture, '--out', out];
    expect(await runCli(args)).toEqual([`wrote ${relative(process.cwd(), join(out, DOCUMENT_FILE))}`]);
    const text = readFileSync(join(out, DOCUMENT_FILE), 'utf8');
    expect(text).toContain('title: A bookshop, for the generator tests — messages');
    expect(text).toContain('  version: 1.0.0\n');
    expect(text.split('\n')[2]).toContain(`run \`node asyncapi/src/cli.ts ${args.join(' ')}\``);
  });

  it('names the command given with --command in the header instead', async () => {
    const out = join(work, 'command');
    await runCli(['generate', '--system', fixture, '--out', out, '--command', 'pnpm asyncapi']);
    expect(readFileSync(join(out, DOCUMENT_FILE), 'utf8').split('\n')[2]).toContain('run `pnpm asyncapi`');
  });

  it('publishes a snapshot of the version the module exports, and says when it holds these schemas already', async () => {
    const out = join(work, 'published');
    await runCli(['publish', '--system', fixture, '--out', out]);
    expect(existsSync(join(out, '1.0.0.json'))).toBe(true);
    expect((await runCli(['publish', '--system', fixture, '--out', out]))[0]).toContain('already holds these schemas');
  });

  it('refuses a wrong command line with the usage, under ERR_ASYNCAPI_USAGE', async () => {
    for (const args of [[], ['render', '--system', fixture, '--out', work], ['generate', '--out', work], ['generate', '--system', fixture, '--out', work, '--colour'], ['publish', '--system', fixture, '--out', work, '--command', 'x']]) {
      expect(await code(runCli(args)), args.join(' ')).toBe('ERR_ASYNCAPI_USAGE');
    }
  });

  it('refuses a module that does not export a system and its sagas, under ERR_ASYNCAPI_SYSTEM_MODULE', async () => {
    const module = join(work, 'not-a-system.ts');
    writeFileSync(module, "export const system = { name: 'x' };\n");
    expect(await code(runCli(['generate', '--system', module, '--out', work]))).toBe('ERR_ASYNCAPI_SYSTEM_MODULE');
    expect(await code(runCli(['generate', '--system', join(work, 'missing.ts'), '--out', work]))).toBe('ERR_ASYNCAPI_SYSTEM_MODULE');
  });
});
