/**
 * @order-fulfilment/orchestrator — the order system's saga definitions (order fulfilment v1 and v2)
 * and its orchestrator's main (`node src/main.ts`). Import the sagas from here in tests and tools
 * (the sandbox, the AsyncAPI document); never import main.ts.
 *
 * @example
 *   import { orderSagas } from '@order-fulfilment/orchestrator';
 *   const h = createSagaTestHarness({ system: orderSystem, definitions: orderSagas });
 */
export * from './sagas/index.ts';
