import type { AnySagaDefinition } from '../definition.ts';
import { orderFulfilment } from './order-fulfilment.ts';

/** Every saga version this orchestrator runs. Add a definition (or a new version of one) here to make StartSaga accept it. */
export const sagaDefinitions: readonly AnySagaDefinition[] = [orderFulfilment];
