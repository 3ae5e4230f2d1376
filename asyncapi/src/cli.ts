#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { AsyncApiError } from './errors.ts';
import { buildHtml } from './html.ts';
import { publishSnapshot } from './published.ts';
import { renderDocument } from './serialize.ts';
import { loadSystemModule } from './system-module.ts';

/** What `generate` writes in its --out folder. */
export const DOCUMENT_FILE = 'asyncapi.generated.yaml';

export const USAGE = `Usage:
  node asyncapi/src/cli.ts generate --system <module> --out <dir> [--command <text>]
      writes <dir>/${DOCUMENT_FILE}; its header tells a reader to run <text> after a change
      (default: this very command line)
  node asyncapi/src/cli.ts publish --system <module> --out <dir>
      records the current schemas as released: <dir>/<version>.json, never overwritten with others
  node asyncapi/src/cli.ts docs --system <module> --out <dir>
      renders the document, generated afresh, to <dir>/index.html; offline

<module> exports \`system\` (defineSystem) and \`sagas\` (its saga definitions), and may export
\`version\` (the document's info.version) and \`namespace\` (the default of {namespace}).`;

const usage = (why: string) => new AsyncApiError('ERR_ASYNCAPI_USAGE', `${why}\n\n${USAGE}`);
/** An argument as a shell would need it to come back the same: quoted when it holds anything but plain characters. */
const shellWord = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/**
 * The generator's command line, for any system: `generate`, `publish`, `docs`. Parsed with
 * node:util parseArgs (the repository has no CLI library, and three commands with the same two
 * options need none). Returns what it wrote, one line per file, for the caller to print.
 */
export async function runCli(argv: readonly string[]): Promise<string[]> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { system: { type: 'string' }, out: { type: 'string' }, command: { type: 'string' } },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [command, ...extra] = positionals;
  if (command !== 'generate' && command !== 'publish' && command !== 'docs') throw usage(command ? `unknown command "${command}"` : 'no command given');
  if (extra.length > 0) throw usage(`unexpected arguments: ${extra.join(' ')}`);
  if (!values.system || !values.out) throw usage('--system and --out are required');
  if (values.command !== undefined && command !== 'generate') throw usage('--command belongs to generate');
  const sources = await loadSystemModule(values.system);
  const shown = (path: string) => `wrote ${relative(process.cwd(), path)}`;
  switch (command) {
    case 'generate': {
      const path = join(values.out, DOCUMENT_FILE);
      const regenerate = values.command ?? ['node', relative(process.cwd(), import.meta.filename), ...argv].map(shellWord).join(' ');
      mkdirSync(values.out, { recursive: true });
      writeFileSync(path, renderDocument(sources, regenerate));
      return [shown(path)];
    }
    case 'publish': {
      const { path, written } = publishSnapshot(sources, values.out);
      return [written ? shown(path) : `${relative(process.cwd(), path)} already holds these schemas`];
    }
    case 'docs':
      return [shown(await buildHtml(renderDocument(sources), values.out))];
  }
}

if (import.meta.main) {
  try {
    for (const line of await runCli(process.argv.slice(2))) process.stdout.write(`${line}\n`);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    process.stderr.write(`${code ? `${code}: ` : ''}${message}\n`);
    process.exitCode = code === 'ERR_ASYNCAPI_USAGE' ? 2 : 1;
  }
}
