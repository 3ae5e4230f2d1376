import { relative, resolve } from 'node:path';
import { buildHtml, renderDocument } from '@saga/asyncapi';
import { HTML_DIR, ORDER_DOCUMENT, REGENERATE } from './order-document.ts';

/**
 * `pnpm run docs` renders the order system's document, generated afresh, to
 * order-fulfilment/asyncapi/html/index.html (gitignored); `--out <dir>` writes elsewhere. Works
 * offline. (`run` matters: plain `pnpm docs` is npm's own command that opens a package's homepage.)
 */
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag >= 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]!) : HTML_DIR;
const index = await buildHtml(renderDocument(ORDER_DOCUMENT, REGENERATE), outDir);
process.stdout.write(`wrote ${relative(process.cwd(), index)}\n`);
