import { z } from 'zod';
import { defineMessage } from '@saga/contracts';
import { defineSaga } from '@saga/orchestrator/domain';
import { describe, expect, it } from 'vitest';
import { CheckoutInput, bookshop, checkout, checkoutV2 } from '../test/bookshop-system.ts';
import { currentSnapshot, gateViolations, violationLine, type SchemaSnapshot } from './snapshot.ts';

const { Release } = bookshop.messages;

/** Release as someone might change it: a new required field, at the version given. */
const releaseWithReason = (version: number) =>
  defineMessage({
    type: 'Release', version, kind: 'command', from: 'orchestrator', to: 'stock', description: 'Release the reserved copies, saying why.',
    payload: Release.payload.extend({ reason: z.string() }), example: { isbn: '9780141439518', reason: 'declined' },
  });
const lines = (published: SchemaSnapshot, current: SchemaSnapshot) => gateViolations(published, current).map(violationLine);

describe('the breaking-change gate, on messages', () => {
  it('refuses a new required field in a message whose version stayed the same', () => {
    expect(lines(currentSnapshot([Release], []), currentSnapshot([releaseWithReason(1)], []))).toEqual(['message Release (v1): newly-required payload.reason']);
  });

  it('lets the same change through once the message version is raised', () => {
    expect(lines(currentSnapshot([Release], []), currentSnapshot([releaseWithReason(2)], []))).toEqual([]);
  });

  it('refuses a message that disappeared, and a version that went backwards', () => {
    const before = currentSnapshot([Release], []);
    expect(gateViolations(before, currentSnapshot([], []))[0]?.breaks[0]?.detail).toBe('message removed');
    expect(gateViolations(currentSnapshot([releaseWithReason(2)], []), before)[0]?.breaks[0]?.detail).toBe('version went backwards');
  });
});

describe('the breaking-change gate, on saga inputs', () => {
  /** checkout v1, its input now requiring a gift note. */
  const stricter = defineSaga(bookshop, {
    name: 'checkout',
    version: 1,
    description: 'Checkout with a gift note.',
    input: CheckoutInput.extend({ giftNote: z.string() }),
    steps: [{ name: 'reserve', participant: 'stock', kind: 'pivot', action: { command: 'Reserve', build: ({ input }) => ({ isbn: input.isbn, copies: 1 }) } }],
  });

  it('keys each deployed version by name@version, so that versions side by side are each guarded', () => {
    expect(Object.keys(currentSnapshot([], [checkout, checkoutV2]).sagaInputs)).toEqual(['checkout@1', 'checkout@2']);
    expect(lines(currentSnapshot([], [checkout, checkoutV2]), currentSnapshot([], [stricter, checkoutV2]))).toEqual(['saga input checkout@1 (v1): newly-required giftNote']);
  });

  it('lets a version go once a newer one of the saga is deployed, and refuses a saga that disappeared', () => {
    const both = currentSnapshot([], [checkout, checkoutV2]);
    expect(lines(both, currentSnapshot([], [checkoutV2]))).toEqual([]);
    expect(gateViolations(both, currentSnapshot([], []))[0]?.breaks[0]?.detail).toBe('saga input removed');
    expect(gateViolations(currentSnapshot([], [checkoutV2]), currentSnapshot([], [checkout]))[0]?.breaks[0]?.detail).toBe('version went backwards');
  });

  it('reads an input keyed by the saga name alone, as the oldest snapshots have it, as that entry\'s version', () => {
    const legacy: SchemaSnapshot = { messages: {}, sagaInputs: { checkout: currentSnapshot([], [checkout]).sagaInputs['checkout@1']! } };
    expect(lines(legacy, currentSnapshot([], [checkout, checkoutV2]))).toEqual([]);
    expect(lines(legacy, currentSnapshot([], [stricter]))).toEqual(['saga input checkout@1 (v1): newly-required giftNote']);
  });
});
