import { z } from 'zod';
import { CompensationOutcome, FailureReason, defineMessage, defineSystem } from '@saga/contracts';

/**
 * A four-participant checkout that exists only for the orchestrator's own tests: the framework
 * must run any team's sagas, so it is tested on a system that is not the demo's (no import of
 * @order-fulfilment/*). Four participants give every shape a saga can take: steps to undo
 * (stock, billing, carrier), a pivot and a forward-only step (carrier or mailer).
 */
const Line = z.object({ sku: z.string().min(1), quantity: z.int().min(1) });
const Money = z.object({ cents: z.int().min(1), currency: z.string().regex(/^[A-Z]{3}$/) });
const Address = z.object({ name: z.string().min(1), line1: z.string().min(1), city: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) });

/** Input of every checkout saga of the tests. */
export const CheckoutInput = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  email: z.email(),
  items: z.array(Line).min(1).max(50),
  amount: Money,
  address: Address,
});
export type CheckoutInput = z.infer<typeof CheckoutInput>;

export const exampleCheckout: CheckoutInput = {
  orderId: 'order-1001',
  customerId: 'customer-42',
  email: 'ada@example.com',
  items: [{ sku: 'SKU-BOOK', quantity: 2 }],
  amount: { cents: 4_998, currency: 'EUR' },
  address: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', country: 'GB' },
};

export const StockReserved = z.object({ reservationId: z.string().min(1), items: z.array(Line) });
export type StockReserved = z.infer<typeof StockReserved>;
export const CardCharged = z.object({ chargeId: z.string().min(1), amount: Money });
export type CardCharged = z.infer<typeof CardCharged>;
export const ParcelBooked = z.object({ parcelId: z.string().min(1), trackingNumber: z.string().min(1) });
export type ParcelBooked = z.infer<typeof ParcelBooked>;

const v1 = { version: 1 } as const;
const command = { ...v1, kind: 'command', from: 'orchestrator' } as const;
const refused = { code: 'REFUSED', reason: 'said no', retryable: false };
const down = { code: 'DOWN', reason: 'did not answer', retryable: true };

const stockMessages = {
  ReserveStock: defineMessage({ ...command, type: 'ReserveStock', to: 'stock', payload: z.object({ orderId: z.string(), items: z.array(Line).min(1) }), description: 'Reserve the lines.', example: { orderId: 'order-1001', items: [{ sku: 'SKU-BOOK', quantity: 2 }] } }),
  StockReserved: defineMessage({ ...v1, type: 'StockReserved', kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'ReserveStock', outcome: 'succeeded', payload: StockReserved, description: 'Reserved.', example: { reservationId: 'res-1', items: [{ sku: 'SKU-BOOK', quantity: 2 }] } }),
  StockReservationFailed: defineMessage({ ...v1, type: 'StockReservationFailed', kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'ReserveStock', outcome: 'failed', payload: FailureReason, description: 'Not reserved.', example: refused }),
  ReleaseStock: defineMessage({ ...command, type: 'ReleaseStock', to: 'stock', payload: z.object({ orderId: z.string() }), description: 'Undo ReserveStock.', example: { orderId: 'order-1001' } }),
  StockReleased: defineMessage({ ...v1, type: 'StockReleased', kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'ReleaseStock', outcome: 'compensated', payload: CompensationOutcome, description: 'Released.', example: { outcome: 'compensated' } }),
  StockReleaseFailed: defineMessage({ ...v1, type: 'StockReleaseFailed', kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'ReleaseStock', outcome: 'failed', payload: FailureReason, description: 'Not released now.', example: down }),
};

const billingMessages = {
  ChargeCard: defineMessage({ ...command, type: 'ChargeCard', to: 'billing', payload: z.object({ orderId: z.string(), customerId: z.string(), amount: Money }), description: 'Charge the card.', example: { orderId: 'order-1001', customerId: 'customer-42', amount: { cents: 4_998, currency: 'EUR' } } }),
  CardCharged: defineMessage({ ...v1, type: 'CardCharged', kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'ChargeCard', outcome: 'succeeded', payload: CardCharged, description: 'Charged.', example: { chargeId: 'chg-1', amount: { cents: 4_998, currency: 'EUR' } } }),
  ChargeDeclined: defineMessage({ ...v1, type: 'ChargeDeclined', kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'ChargeCard', outcome: 'failed', payload: FailureReason, description: 'Declined.', example: refused }),
  RefundCharge: defineMessage({ ...command, type: 'RefundCharge', to: 'billing', payload: z.object({ orderId: z.string(), customerId: z.string() }), description: 'Undo ChargeCard.', example: { orderId: 'order-1001', customerId: 'customer-42' } }),
  ChargeRefunded: defineMessage({ ...v1, type: 'ChargeRefunded', kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'RefundCharge', outcome: 'compensated', payload: CompensationOutcome, description: 'Refunded.', example: { outcome: 'compensated' } }),
  RefundFailed: defineMessage({ ...v1, type: 'RefundFailed', kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'RefundCharge', outcome: 'failed', payload: FailureReason, description: 'Not refunded now.', example: down }),
};

const carrierMessages = {
  BookParcel: defineMessage({ ...command, type: 'BookParcel', to: 'carrier', payload: z.object({ orderId: z.string(), items: z.array(Line).min(1), address: Address }), description: 'Book the parcel.', example: { orderId: 'order-1001', items: [{ sku: 'SKU-BOOK', quantity: 2 }], address: exampleCheckout.address } }),
  ParcelBooked: defineMessage({ ...v1, type: 'ParcelBooked', kind: 'reply', from: 'carrier', to: 'orchestrator', answers: 'BookParcel', outcome: 'succeeded', payload: ParcelBooked, description: 'Booked.', example: { parcelId: 'prc-1', trackingNumber: 'TRK-1' } }),
  ParcelRefused: defineMessage({ ...v1, type: 'ParcelRefused', kind: 'reply', from: 'carrier', to: 'orchestrator', answers: 'BookParcel', outcome: 'failed', payload: FailureReason, description: 'Refused.', example: refused }),
  CancelParcel: defineMessage({ ...command, type: 'CancelParcel', to: 'carrier', payload: z.object({ orderId: z.string() }), description: 'Undo BookParcel.', example: { orderId: 'order-1001' } }),
  ParcelCancelled: defineMessage({ ...v1, type: 'ParcelCancelled', kind: 'reply', from: 'carrier', to: 'orchestrator', answers: 'CancelParcel', outcome: 'compensated', payload: CompensationOutcome, description: 'Cancelled.', example: { outcome: 'compensated' } }),
  ParcelCancellationFailed: defineMessage({ ...v1, type: 'ParcelCancellationFailed', kind: 'reply', from: 'carrier', to: 'orchestrator', answers: 'CancelParcel', outcome: 'failed', payload: FailureReason, description: 'Not cancelled.', example: refused }),
};

const mailerMessages = {
  SendReceipt: defineMessage({ ...command, type: 'SendReceipt', to: 'mailer', payload: z.object({ orderId: z.string(), email: z.email(), trackingNumber: z.string().min(1) }), description: 'Mail the receipt.', example: { orderId: 'order-1001', email: 'ada@example.com', trackingNumber: 'TRK-1' } }),
  ReceiptSent: defineMessage({ ...v1, type: 'ReceiptSent', kind: 'reply', from: 'mailer', to: 'orchestrator', answers: 'SendReceipt', outcome: 'succeeded', payload: z.object({ receiptId: z.string().min(1) }), description: 'Sent.', example: { receiptId: 'rcp-1' } }),
  ReceiptFailed: defineMessage({ ...v1, type: 'ReceiptFailed', kind: 'reply', from: 'mailer', to: 'orchestrator', answers: 'SendReceipt', outcome: 'failed', payload: FailureReason, description: 'Not sent.', example: refused }),
};

export const checkout = defineSystem({
  name: 'checkout',
  title: 'A checkout, for the orchestrator tests',
  participants: ['stock', 'billing', 'carrier', 'mailer'],
  messages: { ...stockMessages, ...billingMessages, ...carrierMessages, ...mailerMessages },
});
export type Checkout = typeof checkout;
