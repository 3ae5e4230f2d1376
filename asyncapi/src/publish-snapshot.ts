import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { currentSnapshot, SNAPSHOT_PATH } from './snapshot.ts';

/**
 * Records the current schemas as the published ones: `node asyncapi/src/publish-snapshot.ts`.
 * Run it when a contract change is released; the breaking-change gate compares against this file.
 */
const snapshot = {
  $comment: 'Last published message schemas. Written by asyncapi/src/publish-snapshot.ts; the breaking-change gate compares the contracts against it.',
  ...currentSnapshot(),
};
mkdirSync(dirname(SNAPSHOT_PATH), { recursive: true });
writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(snapshot, null, 2)}\n`);
process.stdout.write(`wrote ${relative(process.cwd(), SNAPSHOT_PATH)}\n`);
