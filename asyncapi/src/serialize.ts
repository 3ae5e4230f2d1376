import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { buildAsyncApiDocument, type DocumentSources } from './document.ts';

/** The committed document. */
export const GENERATED_PATH = fileURLToPath(new URL('../asyncapi.generated.yaml', import.meta.url));

const HEADER = [
  '# GENERATED FILE - DO NOT EDIT.',
  '# Generated from the zod contracts (@saga/contracts) and the saga definitions by asyncapi/src/generate.ts.',
  '# Change those, then run `node asyncapi/src/generate.ts`; a test fails while this file is out of date.',
].join('\n');

/**
 * The document as the text committed to the repository. No line folding and no YAML anchors, so
 * the text depends on the document only and diffs stay readable. Written with YAML 1.1 rules so
 * that strings a 1.1 reader would take for something else (a timestamp such as an example's
 * `occurredAt`, `yes`, `on`) are quoted; a test reads it back with both 1.1 and 1.2.
 */
export function renderDocument(sources: DocumentSources = {}): string {
  const body = stringify(buildAsyncApiDocument(sources), { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
  return `${HEADER}\n${body}`;
}
