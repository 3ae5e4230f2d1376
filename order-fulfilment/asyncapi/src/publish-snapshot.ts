import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { currentSnapshot } from '@saga/asyncapi';
import { ORDER_DOCUMENT, SNAPSHOT_PATH } from './order-document.ts';

/**
 * Records the current schemas as the published ones: `pnpm asyncapi:publish`. Run it when a
 * contract change is released; the breaking-change gate compares against this file.
 */
const snapshot = {
  $comment: 'Last published message schemas. Written by order-fulfilment/asyncapi/src/publish-snapshot.ts; the breaking-change gate compares the contracts against it.',
  ...currentSnapshot(ORDER_DOCUMENT.contracts ?? ORDER_DOCUMENT.system.messageList, [...ORDER_DOCUMENT.sagas]),
};
mkdirSync(dirname(SNAPSHOT_PATH), { recursive: true });
writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(snapshot, null, 2)}\n`);
process.stdout.write(`wrote ${relative(process.cwd(), SNAPSHOT_PATH)}\n`);
