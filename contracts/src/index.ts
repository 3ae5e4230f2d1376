/**
 * @saga/contracts — the message contracts of the saga system: zod schemas for the envelope and
 * every message, the registry that routing, decoding and the AsyncAPI document are built from,
 * the RabbitMQ topology as data, and the least-privilege broker permissions derived from it.
 * Pure: no node:* imports, no I/O. Anyone may import it.
 *
 * @example
 *   import { decodeMessage, messages, topology } from '@saga/contracts';
 *   const result = decodeMessage(body, { maxBytes: 256 * 1024, accept: new Set(['StartSaga']) });
 *   if (result.ok && result.message.type === 'StartSaga') result.message.payload.sagaType;
 */
export * from './ids.ts';
export * from './envelope.ts';
export * from './failure.ts';
export * from './define-message.ts';
export * from './order.ts';
export * from './start-saga.ts';
export * from './inventory-messages.ts';
export * from './payment-messages.ts';
export * from './shipping-messages.ts';
export * from './notification-messages.ts';
export * from './orchestrator-messages.ts';
export * from './registry.ts';
export * from './topology.ts';
export * from './broker-permissions.ts';
export * from './decode.ts';
