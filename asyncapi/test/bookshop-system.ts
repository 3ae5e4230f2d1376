import { z } from 'zod';
import { CompensationFailure, CompensationOutcome, FailureReason, defineMessage, defineSystem } from '@saga/contracts';
import { defineSaga } from '@saga/orchestrator/domain';

/**
 * A three-participant system that exists only for the generator's own tests: @saga/asyncapi must
 * document any team's system, so it is tested on one that is not the demo's. Two versions of one
 * saga, with different inputs and every kind of step between them, and a shared schema with an id
 * (Isbn) so that references into components.schemas are exercised.
 */
const Isbn = z.string().regex(/^97[89]\d{10}$/).meta({ id: 'Isbn', description: 'A 13-digit ISBN.' });
const Reserve = z.object({ isbn: Isbn, copies: z.int().min(1) });
const Charge = z.object({ cents: z.int().min(1) });
const Ship = z.object({ isbn: Isbn, address: z.string().min(1) });

export const bookshop = defineSystem({
  name: 'bookshop',
  title: 'A bookshop, for the generator tests',
  description: 'Reserve a book, charge for it, ship it.',
  participants: ['stock', 'billing', 'courier'],
  participantDescriptions: { stock: 'Participant: keeps the books.' },
  messages: {
    Reserve: defineMessage({ type: 'Reserve', version: 1, kind: 'command', from: 'orchestrator', to: 'stock', payload: Reserve, description: 'Reserve copies of a book.', example: { isbn: '9780141439518', copies: 1 } }),
    Reserved: defineMessage({ type: 'Reserved', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Reserve', outcome: 'succeeded', payload: z.object({ reservationId: z.string() }), description: 'Reserved.', example: { reservationId: 'r-1' } }),
    ReserveRefused: defineMessage({ type: 'ReserveRefused', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Reserve', outcome: 'failed', payload: FailureReason, description: 'Out of stock.', example: { code: 'NO_STOCK', reason: 'none left', retryable: false } }),
    Release: defineMessage({ type: 'Release', version: 1, kind: 'command', from: 'orchestrator', to: 'stock', payload: z.object({ isbn: Isbn }), description: 'Release the reserved copies.', example: { isbn: '9780141439518' } }),
    Released: defineMessage({ type: 'Released', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Release', outcome: 'compensated', payload: CompensationOutcome, description: 'Released.', example: { outcome: 'compensated' } }),
    ReleaseFailed: defineMessage({ type: 'ReleaseFailed', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Release', outcome: 'failed', payload: CompensationFailure, description: 'Could not release, for now.', example: { code: 'DB_DOWN', reason: 'try later', retryable: true } }),
    Charge: defineMessage({ type: 'Charge', version: 1, kind: 'command', from: 'orchestrator', to: 'billing', payload: Charge, description: 'Charge the customer.', example: { cents: 1299 } }),
    Charged: defineMessage({ type: 'Charged', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'succeeded', payload: z.object({ receipt: z.string() }), description: 'Charged.', example: { receipt: 'c-1' } }),
    ChargeDeclined: defineMessage({ type: 'ChargeDeclined', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'failed', payload: FailureReason, description: 'Declined.', example: { code: 'DECLINED', reason: 'card refused', retryable: false } }),
    Refund: defineMessage({ type: 'Refund', version: 1, kind: 'command', from: 'orchestrator', to: 'billing', payload: Charge, description: 'Refund the charge.', example: { cents: 1299 } }),
    Refunded: defineMessage({ type: 'Refunded', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Refund', outcome: 'compensated', payload: CompensationOutcome, description: 'Refunded.', example: { outcome: 'compensated' } }),
    Ship: defineMessage({ type: 'Ship', version: 1, kind: 'command', from: 'orchestrator', to: 'courier', payload: Ship, description: 'Ship the book.', example: { isbn: '9780141439518', address: '1 High Street' } }),
    Shipped: defineMessage({ type: 'Shipped', version: 1, kind: 'reply', from: 'courier', to: 'orchestrator', answers: 'Ship', outcome: 'succeeded', payload: z.object({ tracking: z.string() }), description: 'Shipped.', example: { tracking: 'T-1' } }),
    ShipFailed: defineMessage({ type: 'ShipFailed', version: 1, kind: 'reply', from: 'courier', to: 'orchestrator', answers: 'Ship', outcome: 'failed', payload: FailureReason, description: 'Could not ship.', example: { code: 'NO_COURIER', reason: 'none free', retryable: false } }),
  },
});

export const CheckoutInput = z.object({ isbn: Isbn, cents: z.int().min(1), address: z.string().min(1) });
const CheckoutInputV2 = CheckoutInput.extend({ giftWrap: z.boolean().optional() });

/** v1: reserve (compensatable), charge (compensatable), ship (pivot). */
export const checkout = defineSaga(bookshop, {
  name: 'checkout',
  version: 1,
  description: 'Reserve the book, charge for it, ship it; undo in reverse when shipping fails.',
  input: CheckoutInput,
  example: { isbn: '9780141439518', cents: 1299, address: '1 High Street' },
  steps: [
    {
      name: 'reserve', participant: 'stock', kind: 'compensatable',
      action: { command: 'Reserve', build: ({ input }) => ({ isbn: input.isbn, copies: 1 }) },
      compensation: { command: 'Release', build: ({ input }) => ({ isbn: input.isbn }) },
    },
    {
      name: 'charge', participant: 'billing', kind: 'compensatable',
      action: { command: 'Charge', build: ({ input }) => ({ cents: input.cents }) },
      compensation: { command: 'Refund', build: ({ input }) => ({ cents: input.cents }) },
    },
    { name: 'ship', participant: 'courier', kind: 'pivot', action: { command: 'Ship', build: ({ input }) => ({ isbn: input.isbn, address: input.address }) } },
  ],
});

/** v2: charging is the pivot and shipping retriable after it: a pivot that is not the last step. */
export const checkoutV2 = defineSaga(bookshop, {
  name: 'checkout',
  version: 2,
  description: 'Reserve the book and charge for it; once charged, ship it come what may.',
  input: CheckoutInputV2,
  steps: [
    checkout.steps[0]!,
    { name: 'charge', participant: 'billing', kind: 'pivot', action: { command: 'Charge', build: ({ input }) => ({ cents: input.cents }) } },
    { name: 'ship', participant: 'courier', kind: 'retriable', action: { command: 'Ship', build: ({ input }) => ({ isbn: input.isbn, address: input.address }) } },
  ],
});

export const bookshopSagas = [checkout, checkoutV2] as const;

/** The exports the asyncapi CLI reads from a system module (`--system asyncapi/test/bookshop-system.ts`). */
export const system = bookshop;
export const sagas = bookshopSagas;
export const version = '1.0.0';
