// Starts a system: its orchestrator and every participant its description names, one process each,
// their output prefixed with the service's name; when one exits, the others are stopped (as
// `concurrently --kill-others` did). The list is derived here, at run time, from the description, so
// there is nothing to keep in step when a participant is added. `pnpm start` runs this.
//
//   node scripts/start-system.ts [--system <module>] [--dry-run]
//
// --system (or SAGA_SYSTEM_MODULE): a module exporting a defineSystem description; default the
// order system. The entry files follow the convention of scripts/lib/system-layout.ts. --dry-run
// prints `service<TAB>entry` per service instead of starting them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import concurrently, { type CloseEvent } from 'concurrently';
import type { AnySystem } from '../contracts/src/index.ts';
import { DEFAULT_SYSTEM_MODULE, loadSystem } from './lib/load-system.ts';
import { startEntries, type StartEntry } from './lib/start-entries.ts';
import { conventionalLayout, REPO_ROOT } from './lib/system-layout.ts';

const usage = 'usage: node scripts/start-system.ts [--system <module>] [--dry-run]';
let values: { system?: string | undefined; 'dry-run'?: boolean | undefined };
try {
  ({ values } = parseArgs({ options: { system: { type: 'string' }, 'dry-run': { type: 'boolean' } } }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

const module = values.system || process.env['SAGA_SYSTEM_MODULE'] || DEFAULT_SYSTEM_MODULE;
let system: AnySystem;
let entries: StartEntry[];
try {
  system = await loadSystem(module);
  entries = startEntries(system, conventionalLayout(module));
} catch (error) {
  process.stderr.write(`cannot start ${module}: ${(error as Error).message}\n`);
  process.exit(1);
}
const missing = entries.filter((e) => !existsSync(join(REPO_ROOT, e.entry)));
if (missing.length > 0) {
  for (const { service, entry } of missing) process.stderr.write(`system ${system.name} names ${service}, but ${entry} does not exist\n`);
  process.exit(1);
}
if (values['dry-run']) {
  for (const { service, entry } of entries) process.stdout.write(`${service}\t${entry}\n`);
  process.exit(0);
}

const { result } = concurrently(
  // The Node that runs this one, not whichever `node` is first on PATH.
  entries.map(({ service, entry }) => ({ name: service, command: `${shellQuote(process.execPath)} ${shellQuote(entry)}` })),
  { cwd: REPO_ROOT, prefix: 'name', prefixColors: 'auto', killOthersOn: ['failure', 'success'] },
);
result.then(
  () => process.exit(0),
  (events: CloseEvent[]) => process.exit(events.map((e) => e.exitCode).find((code): code is number => typeof code === 'number' && code !== 0) ?? 1),
);

function shellQuote(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
