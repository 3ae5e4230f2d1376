/**
 * @saga/orchestrator — the orchestrator as a library: `defineSaga` over a team's system, the pure
 * `decide`, the engine that persists then publishes, its adapters (MongoDB, memory, the bus), and
 * `orchestratorMain`, which a team's own small main calls with its system and sagas.
 * `startOrchestrator` runs one instance over the adapters a composition root chooses (the sandbox
 * chooses memory). The test harness is `@saga/orchestrator/testing`.
 *
 * @example
 *   import { defineSaga, orchestratorMain } from '@saga/orchestrator';
 *   export const checkout = defineSaga(shop, { name: 'checkout', version: 1, … });
 *   await orchestratorMain({ system: shop, sagas: [checkout] });
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
export * from './orchestrator-main.ts';
