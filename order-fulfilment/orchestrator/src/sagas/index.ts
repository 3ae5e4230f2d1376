import { orderFulfilment } from './order-fulfilment.ts';
import { orderFulfilmentV2 } from './order-fulfilment-v2.ts';

export { orderFulfilment } from './order-fulfilment.ts';
export { orderFulfilmentV2 } from './order-fulfilment-v2.ts';

/**
 * Every saga version the order system deploys, side by side. Add a definition (or a new version of
 * one) here to make StartSaga accept it; keep an old version until none of its sagas runs.
 */
export const orderSagas = [orderFulfilment, orderFulfilmentV2] as const;
