import type { MessageTypeOf, WireMessage } from '@saga/contracts';
import type { AnySagaDefinition, DecideContext, OutboxEntry } from '../src/index.ts';
import { defineSaga, sagaRegistry } from '../src/index.ts';
import { CheckoutInput, checkout, exampleCheckout, type Checkout, type ParcelBooked, type StockReserved } from './checkout-system.ts';

/**
 * Purchase: the four-step saga of the decide and engine specs — three steps to undo (reserve
 * stock, charge the card, book the parcel), then mailing the receipt as the pivot — on the
 * default policies (3 attempts, 30 s each) and a 5-minute deadline. Later commands are built from
 * earlier results.
 */
export const purchase = defineSaga(checkout, {
  name: 'purchase',
  version: 1,
  description: 'Reserve stock, charge the card, book a parcel and mail the receipt; undo in reverse on failure.',
  input: CheckoutInput,
  example: exampleCheckout,
  deadlineMs: 5 * 60_000,
  steps: [
    {
      name: 'reserve-stock', participant: 'stock', kind: 'compensatable',
      action: { command: 'ReserveStock', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) },
      compensation: { command: 'ReleaseStock', build: ({ input }) => ({ orderId: input.orderId }) },
    },
    {
      name: 'charge-card', participant: 'billing', kind: 'compensatable',
      action: { command: 'ChargeCard', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }) },
      compensation: { command: 'RefundCharge', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId }) },
    },
    {
      name: 'book-parcel', participant: 'carrier', kind: 'compensatable',
      action: {
        command: 'BookParcel',
        build: ({ input, results }) => ({ orderId: input.orderId, items: (results['reserve-stock'] as StockReserved | undefined)?.items ?? input.items, address: input.address }),
      },
      compensation: { command: 'CancelParcel', build: ({ input }) => ({ orderId: input.orderId }) },
    },
    {
      name: 'send-receipt', participant: 'mailer', kind: 'pivot',
      action: { command: 'SendReceipt', build: ({ input, results }) => ({ orderId: input.orderId, email: input.email, trackingNumber: (results['book-parcel'] as ParcelBooked).trackingNumber }) },
    },
  ],
});

/** Success, failure and compensation reply types of each purchase step, in order. */
export const PURCHASE_STEPS = [
  { step: 'reserve-stock', ok: 'StockReserved', fail: 'StockReservationFailed', undone: 'StockReleased' },
  { step: 'charge-card', ok: 'CardCharged', fail: 'ChargeDeclined', undone: 'ChargeRefunded' },
  { step: 'book-parcel', ok: 'ParcelBooked', fail: 'ParcelRefused', undone: 'ParcelCancelled' },
  { step: 'send-receipt', ok: 'ReceiptSent', fail: 'ReceiptFailed', undone: undefined },
] as const;

/** Deterministic ids and time for decide: `id-1`, `id-2`, … and a fixed clock; purchase v1 deployed. */
export function fixedContext(sagaId = 'saga-1', definitions: readonly AnySagaDefinition[] = [purchase]): DecideContext {
  let n = 0;
  return { now: '2026-11-21T10:00:00.000Z', newId: () => `id-${++n}`, random: () => 0.5, messages: checkout.message, registry: sagaRegistry(definitions), sagaId };
}

export function startSaga(overrides: Partial<{ messageId: string; input: unknown; sagaType: string; idempotencyKey: string }> = {}): WireMessage {
  return {
    messageId: overrides.messageId ?? 'start-1',
    type: 'StartSaga',
    schemaVersion: 1,
    occurredAt: '2026-11-21T09:59:59.000Z',
    payload: {
      sagaType: overrides.sagaType ?? 'purchase',
      input: (overrides.input ?? exampleCheckout) as Record<string, unknown>,
      ...(overrides.idempotencyKey ? { idempotencyKey: overrides.idempotencyKey } : {}),
    },
  };
}

/** A reply of `type` to the command in `entry`, as the participant would send it (its contract's example unless a payload is given). */
export function replyTo(entry: OutboxEntry, type: MessageTypeOf<Checkout>, payload?: unknown, messageId?: string): WireMessage {
  const contract = checkout.messages[type];
  return {
    messageId: messageId ?? `reply-${entry.envelope.messageId}-${type}`,
    type,
    schemaVersion: contract.version,
    correlationId: entry.envelope.correlationId!,
    causationId: entry.envelope.messageId,
    step: entry.envelope.step!,
    occurredAt: '2026-11-21T10:00:01.000Z',
    payload: payload ?? contract.example,
  };
}
