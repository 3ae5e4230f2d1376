import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { bookshop, bookshopSagas } from '../test/bookshop-system.ts';
import { publishSnapshot } from './published.ts';
import { renderDocument } from './serialize.ts';
import { describeAsyncApiChecks } from './testing/describe-asyncapi-checks.ts';

// The suite every system runs, run on a system that is not the demo's: its document is generated
// and its first release published into a temp folder, as a system's package would have committed them.
const work = mkdtempSync(join(tmpdir(), 'saga-asyncapi-checks-'));
const sources = { system: bookshop, sagas: bookshopSagas, version: '1.0.0' };
const regenerateCommand = 'pnpm --filter bookshop asyncapi';
const documentPath = join(work, 'asyncapi.generated.yaml');
writeFileSync(documentPath, renderDocument(sources, regenerateCommand));
publishSnapshot(sources, join(work, 'published'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describeAsyncApiChecks({ ...sources, documentPath, publishedDir: join(work, 'published'), regenerateCommand });
