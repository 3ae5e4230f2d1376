import { describeAsyncApiChecks } from '@saga/asyncapi/testing';
import { DOCUMENT_PATH, PUBLISHED_DIR, REGENERATE, sagas, system, version } from './document.ts';

// The same checks as the order system's document: drift, @asyncapi/parser, examples, the
// breaking-change gate against published/, and the document read as a client would.
describeAsyncApiChecks({ system, sagas, version, documentPath: DOCUMENT_PATH, publishedDir: PUBLISHED_DIR, regenerateCommand: REGENERATE });
