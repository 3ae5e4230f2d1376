import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderDocument } from '@saga/asyncapi';
import { DOCUMENT_PATH, ORDER_DOCUMENT, REGENERATE } from './order-document.ts';

/** Writes the order system's asyncapi.generated.yaml from its description and sagas: `pnpm asyncapi`. */
writeFileSync(DOCUMENT_PATH, renderDocument(ORDER_DOCUMENT, REGENERATE));
process.stdout.write(`wrote ${relative(process.cwd(), DOCUMENT_PATH)}\n`);
