import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHtml } from './html.ts';
import { renderDocument } from './serialize.ts';

/**
 * `pnpm run docs` renders the document, generated afresh from the contracts, to
 * asyncapi/html/index.html (gitignored); `--out <dir>` writes elsewhere. Works offline.
 * (`run` matters: plain `pnpm docs` is npm's own command that opens a package's homepage.)
 */
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag >= 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]!) : fileURLToPath(new URL('../html', import.meta.url));
const index = await buildHtml(renderDocument(), outDir);
process.stdout.write(`wrote ${relative(process.cwd(), index)}\n`);
