/**
 * @saga/contracts — the framework's pure core of contracts: the envelope, ids, failure shapes,
 * `defineMessage` and `defineSystem` (a team's participants and messages, described once), the
 * framework's own messages (StartSaga, WakeSaga, OperatorCommand, CommandExpired), the RabbitMQ
 * topology and least-privilege broker permissions derived from a system, and `decodeMessage`.
 * No node:* imports, no I/O. Anyone may import it.
 *
 * @example
 *   import { defineMessage, defineSystem, topology } from '@saga/contracts';
 *   export const shop = defineSystem({ name: 'shop', participants: ['inventory'], messages: { ReserveInventory, InventoryReserved } });
 *   const names = topology(shop, 'shop');            // exchanges, queues, bindings of that system
 */
export * from './ids.ts';
export * from './envelope.ts';
export * from './failure.ts';
export * from './define-message.ts';
export * from './framework-messages.ts';
export * from './system.ts';
export * from './wire-message.ts';
export * from './topology.ts';
export * from './broker-permissions.ts';
export * from './decode.ts';
