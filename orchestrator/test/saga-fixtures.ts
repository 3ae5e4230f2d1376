import { exampleOrder, messages, type AnyMessage, type MessageType } from '@saga/contracts';
import type { AnySagaDefinition, DecideContext, MessageLookup, OutboxEntry } from '../src/index.ts';
import { orderFulfilment, sagaRegistry } from '../src/index.ts';

export const contracts: MessageLookup = (type) => (Object.hasOwn(messages, type) ? messages[type as MessageType] : undefined);

/** Deterministic ids and time for decide: `id-1`, `id-2`, … and a fixed clock; order fulfilment v1 (the four ORDER_STEPS) deployed. */
export function fixedContext(sagaId = 'saga-1', definitions: readonly AnySagaDefinition[] = [orderFulfilment]): DecideContext {
  let n = 0;
  return { now: '2026-11-21T10:00:00.000Z', newId: () => `id-${++n}`, random: () => 0.5, messages: contracts, registry: sagaRegistry(definitions), sagaId };
}

export function startSaga(overrides: Partial<{ messageId: string; input: unknown; sagaType: string; idempotencyKey: string }> = {}): AnyMessage {
  return {
    messageId: overrides.messageId ?? 'start-1',
    type: 'StartSaga',
    schemaVersion: 1,
    occurredAt: '2026-11-21T09:59:59.000Z',
    payload: {
      sagaType: overrides.sagaType ?? 'order-fulfilment',
      input: (overrides.input ?? exampleOrder) as Record<string, unknown>,
      ...(overrides.idempotencyKey ? { idempotencyKey: overrides.idempotencyKey } : {}),
    },
  };
}

/** A reply of `type` to the command in `entry`, as the participant would send it. */
export function replyTo(entry: OutboxEntry, type: MessageType, payload?: unknown, messageId?: string): AnyMessage {
  const contract = messages[type];
  return {
    messageId: messageId ?? `reply-${entry.envelope.messageId}-${type}`,
    type,
    schemaVersion: contract.version,
    correlationId: entry.envelope.correlationId!,
    causationId: entry.envelope.messageId,
    step: entry.envelope.step!,
    occurredAt: '2026-11-21T10:00:01.000Z',
    payload: payload ?? contract.example,
  } as AnyMessage;
}

/** Success and failure reply types of each order-fulfilment step, in order. */
export const ORDER_STEPS = [
  { step: 'reserve-inventory', ok: 'InventoryReserved', fail: 'InventoryReservationFailed', undone: 'InventoryReleased' },
  { step: 'process-payment', ok: 'PaymentProcessed', fail: 'PaymentDeclined', undone: 'PaymentRefunded' },
  { step: 'create-shipment', ok: 'ShipmentCreated', fail: 'ShipmentRejected', undone: 'ShipmentCancelled' },
  { step: 'send-confirmation', ok: 'ConfirmationSent', fail: 'ConfirmationFailed', undone: undefined },
] as const;
