import { defineSystem } from '@saga/contracts';
import { inventoryMessages } from './inventory-messages.ts';
import { notificationMessages } from './notification-messages.ts';
import { paymentMessages } from './payment-messages.ts';
import { shippingMessages } from './shipping-messages.ts';

/**
 * The order-fulfilment system, described once: its participants and their messages. Its topology,
 * broker users, decoding, AsyncAPI document and the typing of its sagas and participants all come
 * from here. Adding a participant is its folder under participants/ plus one name here.
 */
export const orderSystem = defineSystem({
  name: 'order-fulfilment',
  title: 'Order fulfilment',
  description: 'Reserve stock, take payment, book a shipment and confirm the order — compensated in reverse when a step says no.',
  participants: ['inventory', 'payment', 'shipping', 'notification'],
  participantDescriptions: {
    inventory: 'Participant: reserves and releases stock.',
    payment: 'Participant: charges and refunds.',
    shipping: 'Participant: books and cancels shipments.',
    notification: 'Participant: sends the order confirmation and the dispatch notice.',
  },
  messages: { ...inventoryMessages, ...paymentMessages, ...shippingMessages, ...notificationMessages },
});

export type OrderSystem = typeof orderSystem;
export type OrderParticipant = OrderSystem['participants'][number];
