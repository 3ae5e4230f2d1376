/**
 * @saga/asyncapi/testing — the checks every system's AsyncAPI document must pass, for a system's
 * own specs (vitest), and the helpers they are made of. Test code only: it imports vitest, ajv and
 * jsdom.
 *
 * @example
 *   import { describeAsyncApiChecks } from '@saga/asyncapi/testing';
 *   describeAsyncApiChecks({ system, sagas, version, documentPath, publishedDir, regenerateCommand: 'pnpm asyncapi' });
 */
export { describeAsyncApiChecks } from './describe-asyncapi-checks.ts';
export type { AsyncApiCheckOptions } from './check-options.ts';
export { at, committedDocument, objectAt, schemaValidator } from './committed-document.ts';
export { addressesOf, amqp, documentQueries, lazyParse, modelOf, parseDocument, type ParsedDocument } from './parsed-document.ts';
export { inlineCode, inlineCodeDecoration, literalCodeSpans, renderedPage } from './rendered-html.ts';
