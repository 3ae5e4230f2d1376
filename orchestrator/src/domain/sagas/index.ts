import type { AnySagaDefinition } from '../definition.ts';
import { orderFulfilment } from './order-fulfilment.ts';
import { orderFulfilmentV2 } from './order-fulfilment-v2.ts';

/**
 * Every saga version this orchestrator runs, side by side. Add a definition (or a new version of
 * one) here to make StartSaga accept it; keep an old version until none of its sagas runs.
 */
export const sagaDefinitions: readonly AnySagaDefinition[] = [orderFulfilment, orderFulfilmentV2];
