import { describeAsyncApiChecks } from '@saga/asyncapi/testing';
import { DOCUMENT_PATH, PUBLISHED_DIR, REGENERATE, sagas, system, version } from './order-document.ts';

// The checks every system's document passes: drift, @asyncapi/parser, examples, the breaking-change
// gate against published/, and the document read as a client would. The order system's own
// assertions are in document.unit.spec.ts and its neighbours.
describeAsyncApiChecks({ system, sagas, version, documentPath: DOCUMENT_PATH, publishedDir: PUBLISHED_DIR, regenerateCommand: REGENERATE });
