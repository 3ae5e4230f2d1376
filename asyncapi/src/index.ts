/**
 * @saga/asyncapi — turns the zod contracts (@saga/contracts), the topology and the saga definitions
 * into one AsyncAPI 3.0.0 document (asyncapi/asyncapi.generated.yaml), renders it to HTML, and
 * guards published message schemas against unversioned breaking changes. A tool package: nothing
 * at run time imports it.
 *
 * Commands (from the repository root):
 *   node asyncapi/src/generate.ts           write asyncapi/asyncapi.generated.yaml
 *   pnpm run docs                           render it to asyncapi/html/index.html, offline
 *   node asyncapi/src/publish-snapshot.ts   record the released schemas in asyncapi/published/schemas.json
 *
 * @example
 *   import { buildAsyncApiDocument, breakingChanges } from '@saga/asyncapi';
 *   const document = buildAsyncApiDocument({ namespace: 'test' });
 */
export { buildAsyncApiDocument, type DocumentSources } from './document.ts';
export { GENERATED_PATH, renderDocument } from './serialize.ts';
export { buildHtml, HTML_TEMPLATE_PARAMS } from './html.ts';
export { breakingChanges, dereference, type Break, type BreakKind } from './schema-compat.ts';
export { currentSnapshot, gateViolations, SNAPSHOT_PATH, type SchemaSnapshot, type Violation } from './snapshot.ts';
export { sagaFlowchart, sagaStepTable } from './saga-flow.ts';
