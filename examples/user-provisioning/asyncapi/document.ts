import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };

/**
 * What the user-provisioning AsyncAPI document is generated from, in the shape the
 * `saga-asyncapi` CLI reads: the system, every saga version it deploys, the document's version.
 */
export { provisioningSystem as system } from '../contracts/src/index.ts';
export { provisioningSagas as sagas } from '../orchestrator/src/index.ts';
export const version: string = packageJson.version;

export const DOCUMENT_PATH = fileURLToPath(new URL('asyncapi.generated.yaml', import.meta.url));
export const PUBLISHED_DIR = fileURLToPath(new URL('published', import.meta.url));
export const REGENERATE = 'pnpm --filter @user-provisioning/app asyncapi';
