import type { AnySagaDefinition } from '../definition.ts';
import { orderFulfilment } from './order-fulfilment.ts';

/** Every saga this orchestrator runs, by name. Add a definition here to make StartSaga accept it. */
export const sagaDefinitions: ReadonlyMap<string, AnySagaDefinition> = new Map([[orderFulfilment.name, orderFulfilment]]);
