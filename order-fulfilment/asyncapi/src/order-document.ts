import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };

/**
 * What the order system's AsyncAPI document is generated from, in the shape the @saga/asyncapi
 * CLI reads (`--system order-fulfilment/asyncapi/src/order-document.ts`): the system's
 * description, every saga version it deploys, and the document's version, this package's.
 */
export { orderSystem as system } from '@order-fulfilment/contracts';
export { orderSagas as sagas } from '@order-fulfilment/orchestrator';
export const version: string = packageJson.version;

/** The committed document, the released schemas (the breaking-change gate's baseline), and how to regenerate. */
export const DOCUMENT_PATH = fileURLToPath(new URL('../asyncapi.generated.yaml', import.meta.url));
export const PUBLISHED_DIR = fileURLToPath(new URL('../published', import.meta.url));
export const REGENERATE = 'pnpm asyncapi';
