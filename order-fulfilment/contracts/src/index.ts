/**
 * @order-fulfilment/contracts — the order-fulfilment system's description (orderSystem) and the zod
 * schemas of its messages, shared by its orchestrator and its four participants. Pure: it imports
 * only @saga/contracts and zod. Anyone of the system may import it.
 *
 * @example
 *   import { orderSystem, type PaymentProcessed } from '@order-fulfilment/contracts';
 *   const names = topology(orderSystem, 'saga');
 */
export * from './ids.ts';
export * from './order.ts';
export * from './inventory-messages.ts';
export * from './payment-messages.ts';
export * from './shipping-messages.ts';
export * from './notification-messages.ts';
export * from './system.ts';
