/**
 * @saga/orchestrator — saga definitions, the pure `decide`, and the engine that persists then
 * publishes. Import the domain and application from here (tests, the AsyncAPI generator, the test
 * harness, the sandbox); `startOrchestrator` runs one instance over the adapters a composition
 * root chooses. `main.ts` is the deployable and is never imported.
 *
 * @example
 *   import { decide, sagaDefinitions, MemorySagaStore } from '@saga/orchestrator';
 *   const registry = sagaRegistry(sagaDefinitions);
 *   const decision = decide(undefined, startSagaMessage, { now, newId, random, messages, registry, sagaId });
 */
export * from './domain/index.ts';
export * from './application/ports.ts';
export * from './application/resolve-saga-id.ts';
export * from './application/saga-engine.ts';
export * from './application/saga-operations.ts';
export * from './application/deployed-definitions.ts';
export * from './application/history-spill.ts';
export * from './adapters/memory/memory-saga-store.ts';
export * from './adapters/memory/memory-history-store.ts';
export * from './adapters/memory/memory-saga-inbox.ts';
export * from './adapters/mongodb/mongo-saga-store.ts';
export * from './adapters/mongodb/mongo-history-store.ts';
export * from './adapters/bus/bus-command-publisher.ts';
export * from './adapters/bus/bus-saga-inbox.ts';
export * from './start-orchestrator.ts';
