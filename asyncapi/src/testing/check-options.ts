import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';
import type { DocumentSources } from '../document.ts';

/** What `describeAsyncApiChecks` checks: a system's sources and where its committed files live. */
export interface AsyncApiCheckOptions extends DocumentSources {
  /** The committed document, e.g. `order-fulfilment/asyncapi/asyncapi.generated.yaml` (absolute, or relative to the working directory). */
  documentPath: string;
  /** The folder of published snapshots, one `<version>.json` per released document version (the CLI's `publish` writes them). */
  publishedDir: string;
  /** The command that regenerates the document, e.g. `pnpm asyncapi`: the document's header names it, and so does a drift failure. */
  regenerateCommand: string;
}

/** A path as a test title shows it: relative to the working directory. */
export const shown = (path: string): string => relative(process.cwd(), path) || path;

/** The committed text, or a failure saying how to create it. */
export function committedText(options: AsyncApiCheckOptions): string {
  expect(existsSync(options.documentPath), `${shown(options.documentPath)} is missing: run \`${options.regenerateCommand}\``).toBe(true);
  return readFileSync(options.documentPath, 'utf8');
}
