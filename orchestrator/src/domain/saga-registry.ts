import type { AnySagaDefinition } from './definition.ts';
import { DomainError } from './domain-error.ts';

/**
 * The saga definitions an orchestrator runs, keyed by (name, version). A saga is always decided by
 * the version it started with; a StartSaga gets the newest version unless it names one.
 */
export interface SagaRegistry {
  get(name: string, version: number): AnySagaDefinition | undefined;
  /** The newest version of `name`. */
  latest(name: string): AnySagaDefinition | undefined;
  all(): readonly AnySagaDefinition[];
}

export function sagaRegistry(definitions: Iterable<AnySagaDefinition>): SagaRegistry {
  const byKey = new Map<string, AnySagaDefinition>();
  const newest = new Map<string, AnySagaDefinition>();
  for (const definition of definitions) {
    const key = `${definition.name}@${definition.version}`;
    if (byKey.has(key)) throw new DomainError('ERR_INVALID_DEFINITION', `saga ${key} is registered twice`);
    byKey.set(key, definition);
    const current = newest.get(definition.name);
    if (!current || current.version < definition.version) newest.set(definition.name, definition);
  }
  const all = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  return {
    get: (name, version) => byKey.get(`${name}@${version}`),
    latest: (name) => newest.get(name),
    all: () => all,
  };
}

/** `name@version` — how logs, errors and the start-up check name a definition. */
export function definitionKey(name: string, version: number): string {
  return `${name}@${version}`;
}
