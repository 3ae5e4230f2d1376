// Rewrites docker-compose.yml's generated services (the orchestrator and one per participant) from
// a system description; everything outside the markers stays as written.
// scripts/compose-file.unit.spec.ts fails until you run it after adding or renaming a participant.
//   node scripts/generate-compose.ts [system-module]     (default: the order system)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeFileFor } from './lib/compose-file.ts';
import { DEFAULT_SYSTEM_MODULE, loadSystem } from './lib/load-system.ts';
import { conventionalLayout, REPO_ROOT } from './lib/system-layout.ts';

const module = process.argv[2] ?? DEFAULT_SYSTEM_MODULE;
const file = join(REPO_ROOT, 'docker-compose.yml');
const next = composeFileFor(await loadSystem(module), conventionalLayout(module), readFileSync(file, 'utf8'));
writeFileSync(file, next);
process.stdout.write(`wrote the generated services of ${file}\n`);
