/**
 * @saga/asyncapi — the AsyncAPI generator for any system: a system's description (defineSystem),
 * its topology and its saga definitions become one AsyncAPI 3.0.0 document whose addresses start
 * with `{namespace}` (a server variable and channel parameter); it renders to HTML offline, and
 * guards published message schemas against unversioned breaking changes. A tool package: nothing at
 * run time imports it. Each system keeps its own document, published snapshots and specs (the
 * order system's are in order-fulfilment/asyncapi/); the checks they run are in
 * `@saga/asyncapi/testing`, the commands in `src/cli.ts`:
 *
 *   node asyncapi/src/cli.ts generate --system <module> --out <dir>    <dir>/asyncapi.generated.yaml
 *   node asyncapi/src/cli.ts publish  --system <module> --out <dir>    <dir>/<version>.json
 *   node asyncapi/src/cli.ts docs     --system <module> --out <dir>    <dir>/index.html
 *
 * @example
 *   import { buildAsyncApiDocument, renderDocument } from '@saga/asyncapi';
 *   writeFileSync('asyncapi.generated.yaml', renderDocument({ system: bookshop, sagas: [checkout] }, 'pnpm asyncapi'));
 */
export { buildAsyncApiDocument, documentNamespace, documentVersion, type DocumentSources } from './document.ts';
export { renderDocument, GENERATED_HEADER } from './serialize.ts';
export { buildHtml, HTML_TEMPLATE_PARAMS } from './html.ts';
export { breakingChanges, dereference, type Break, type BreakKind } from './schema-compat.ts';
export { currentSnapshot, gateViolations, violationLine, type SchemaSnapshot, type Violation } from './snapshot.ts';
export { compareVersions, publishSnapshot, publishedVersion, readPublishedSnapshots, type PublishedSnapshot } from './published.ts';
export { loadSystemModule } from './system-module.ts';
export { runCli, USAGE, DOCUMENT_FILE } from './cli.ts';
export { AsyncApiError, type AsyncApiErrorCode } from './errors.ts';
export { NAMESPACE_PARAMETER, DEFAULT_NAMESPACE } from './namespace.ts';
export { sagaFlowchart, sagaStepTable } from './saga-flow.ts';
export { sagaInputSchemaIds } from './schemas.ts';
