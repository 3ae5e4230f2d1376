/**
 * @saga/asyncapi — the AsyncAPI generator for any system: a system's description (defineSystem),
 * its topology and its saga definitions become one AsyncAPI 3.0.0 document; it renders to HTML
 * offline, and guards published message schemas against unversioned breaking changes. A tool
 * package: nothing at run time imports it. Each system keeps its own document (the order system's
 * is order-fulfilment/asyncapi/).
 *
 * @example
 *   import { buildAsyncApiDocument, renderDocument } from '@saga/asyncapi';
 *   writeFileSync('asyncapi.generated.yaml', renderDocument({ system: shop, sagas: [checkout] }));
 */
export { buildAsyncApiDocument, type DocumentSources } from './document.ts';
export { renderDocument } from './serialize.ts';
export { buildHtml, HTML_TEMPLATE_PARAMS } from './html.ts';
export { breakingChanges, dereference, type Break, type BreakKind } from './schema-compat.ts';
export { currentSnapshot, gateViolations, type SchemaSnapshot, type Violation } from './snapshot.ts';
export { at, committedDocument, objectAt, schemaValidator } from './testing/committed-document.ts';
export { sagaFlowchart, sagaStepTable } from './saga-flow.ts';
