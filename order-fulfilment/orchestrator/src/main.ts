import { orderSystem } from '@order-fulfilment/contracts';
import { orchestratorMain } from '@saga/orchestrator';
import { orderSagas } from './sagas/index.ts';

// The order system's orchestrator: the framework's orchestrator with this system's sagas.
await orchestratorMain({ system: orderSystem, sagas: orderSagas });
