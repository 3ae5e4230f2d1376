import { SagaError } from '@saga/runtime';
import { definitionKey, type SagaRegistry } from '../domain/saga-registry.ts';
import type { ActiveDefinitionCount, SagaStore } from './ports.ts';

/**
 * The start-up check of deployed versions: every definition version that still has sagas running
 * must be deployed, or those sagas could not move. Refuses to start, naming each missing version
 * and how many sagas need it — unless the operator insists (`allowMissing`), in which case those
 * sagas park with reason `definition-missing` the next time they are woken, and are counted here.
 */
export async function checkDeployedDefinitions(store: SagaStore, registry: SagaRegistry, allowMissing: boolean): Promise<ActiveDefinitionCount[]> {
  const missing = (await store.countActive()).filter((c) => !registry.get(c.sagaType, c.definitionVersion));
  if (missing.length > 0 && !allowMissing) {
    const list = missing.map((m) => `${definitionKey(m.sagaType, m.definitionVersion)} (${m.count} saga${m.count === 1 ? '' : 's'})`).join(', ');
    throw new SagaError(
      'ERR_DEFINITION_MISSING',
      `sagas still run on definitions this orchestrator does not deploy: ${list}. Deploy those versions next to the new ones, or start with SAGA_ALLOW_MISSING_DEFINITIONS=true to park those sagas as definition-missing.`,
    );
  }
  return missing;
}
