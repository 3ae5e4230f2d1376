import { OrderFulfilmentInput, exampleOrder, orderSystem, type InventoryReserved, type ShipmentCreated } from '@order-fulfilment/contracts';
import { defineSaga } from '@saga/orchestrator';

/**
 * Order fulfilment, from the seed documents: reserve stock, take payment, book a shipment, confirm
 * to the customer. Sending the confirmation is the pivot: if it fails, the shipment is cancelled,
 * the payment refunded and the stock released, in that order.
 */
export const orderFulfilment = defineSaga(orderSystem, {
  name: 'order-fulfilment',
  version: 1,
  description: 'Reserve stock, take payment, book a shipment and confirm the order; undo in reverse on failure.',
  input: OrderFulfilmentInput,
  example: exampleOrder,
  // Default budgets (3 attempts, 30 s per attempt; compensations 10 attempts, then parked) and a
  // deadline: an order not confirmed within 5 minutes is undone. SAGA_POLICY can shorten them.
  deadlineMs: 5 * 60_000,
  steps: [
    {
      name: 'reserve-inventory',
      participant: 'inventory',
      kind: 'compensatable',
      action: { command: 'ReserveInventory', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) },
      compensation: { command: 'ReleaseInventory', build: ({ input }) => ({ orderId: input.orderId }) },
    },
    {
      name: 'process-payment',
      participant: 'payment',
      kind: 'compensatable',
      action: {
        command: 'ProcessPayment',
        build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }),
      },
      compensation: { command: 'RefundPayment', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId }) },
    },
    {
      name: 'create-shipment',
      participant: 'shipping',
      kind: 'compensatable',
      action: {
        command: 'CreateShipment',
        build: ({ input, results }) => ({
          orderId: input.orderId,
          items: (results['reserve-inventory'] as InventoryReserved | undefined)?.items ?? input.items,
          address: input.shippingAddress,
        }),
      },
      compensation: { command: 'CancelShipment', build: ({ input }) => ({ orderId: input.orderId }) },
    },
    {
      name: 'send-confirmation',
      participant: 'notification',
      kind: 'pivot',
      action: {
        command: 'SendConfirmation',
        build: ({ input, results }) => ({
          orderId: input.orderId,
          email: input.email,
          trackingNumber: (results['create-shipment'] as ShipmentCreated).trackingNumber,
        }),
      },
    },
  ],
});
