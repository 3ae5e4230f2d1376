import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import type { DocumentSources } from './document.ts';
import { AsyncApiError } from './errors.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Reads what a system's document is generated from out of a module, so that the CLI serves any
 * system: the module exports `system` (its defineSystem value) and `sagas` (every saga definition
 * it deploys), and may export `version` (the document's info.version) and `namespace` (the
 * default of `{namespace}`). Anything else it exports is ignored.
 *
 * @example
 *   // order-fulfilment/asyncapi/src/order-document.ts
 *   export { orderSystem as system } from '@order-fulfilment/contracts';
 *   export { orderSagas as sagas } from '@order-fulfilment/orchestrator';
 *   export const version = '0.2.0';
 */
export async function loadSystemModule(path: string): Promise<DocumentSources> {
  const url = pathToFileURL(resolve(path)).href;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new AsyncApiError('ERR_ASYNCAPI_SYSTEM_MODULE', `${path}: cannot load it (${(error as Error).message})`);
  }
  const problems: string[] = [];
  const { system, sagas, version, namespace } = loaded;
  if (!isObject(system) || !Array.isArray(system['messageList']) || typeof system['repliesTo'] !== 'function') {
    problems.push('`system` must be a system made with defineSystem');
  }
  const sagaList = sagas !== null && typeof sagas === 'object' && Symbol.iterator in sagas ? [...(sagas as Iterable<unknown>)] : undefined;
  if (!sagaList || sagaList.some((s) => !isObject(s) || typeof s['name'] !== 'string' || !Array.isArray(s['steps']))) {
    problems.push('`sagas` must be a list of saga definitions made with defineSaga');
  }
  if (version !== undefined && typeof version !== 'string') problems.push('`version`, when exported, must be a string');
  if (namespace !== undefined && typeof namespace !== 'string') problems.push('`namespace`, when exported, must be a string');
  if (problems.length > 0) throw new AsyncApiError('ERR_ASYNCAPI_SYSTEM_MODULE', `${path}: ${problems.join('; ')}`);
  return {
    system: system as DocumentSources['system'],
    sagas: sagaList as AnySagaDefinition[],
    ...(version !== undefined ? { version: version as string } : {}),
    ...(namespace !== undefined ? { namespace: namespace as string } : {}),
  };
}
