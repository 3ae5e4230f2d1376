import { fileURLToPath } from 'node:url';
import { orderSystem } from '@order-fulfilment/contracts';
import { orderSagas } from '@order-fulfilment/orchestrator';
import type { DocumentSources } from '@saga/asyncapi';
import packageJson from '../package.json' with { type: 'json' };

/** What the order system's document is generated from: its description and every saga version it deploys. */
export const ORDER_DOCUMENT: DocumentSources = { system: orderSystem, sagas: orderSagas, version: packageJson.version };

/** The committed document, the released schemas (the breaking-change gate's baseline), and where `pnpm run docs` renders. */
export const DOCUMENT_PATH = fileURLToPath(new URL('../asyncapi.generated.yaml', import.meta.url));
export const SNAPSHOT_PATH = fileURLToPath(new URL('../published/schemas.json', import.meta.url));
export const HTML_DIR = fileURLToPath(new URL('../html', import.meta.url));
export const REGENERATE = 'pnpm asyncapi';
