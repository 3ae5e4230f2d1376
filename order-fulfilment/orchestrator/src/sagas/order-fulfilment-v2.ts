import { orderSystem, type ShipmentCreated } from '@order-fulfilment/contracts';
import { defineSaga } from '@saga/orchestrator';
import { orderFulfilment } from './order-fulfilment.ts';

/**
 * Order fulfilment v2: v1 plus a dispatch notice with the tracking number, after the pivot (a
 * retriable step: once the order is confirmed it can only go forward). Shipped beside v1, not
 * instead of it: a saga runs the version it started with to its end, so v1 stays deployed until no
 * v1 saga is left (the orchestrator refuses to start without it while any runs). New sagas get v2.
 */
export const orderFulfilmentV2 = defineSaga(orderSystem, {
  ...orderFulfilment,
  version: 2,
  description: 'Reserve stock, take payment, book a shipment, confirm the order, then send the dispatch notice; undo in reverse on failure before the confirmation.',
  steps: [
    ...orderFulfilment.steps,
    {
      name: 'send-dispatch-notice',
      participant: 'notification',
      kind: 'retriable',
      action: {
        command: 'SendDispatchNotice',
        build: ({ input, results }) => ({ orderId: input.orderId, email: input.email, trackingNumber: (results['create-shipment'] as ShipmentCreated).trackingNumber }),
      },
    },
  ],
});
