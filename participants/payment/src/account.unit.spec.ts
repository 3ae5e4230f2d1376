import { describe, expect, it } from 'vitest';
import { availableOf, limitExceeded } from './account.ts';

describe('limitExceeded', () => {
  const amount = { cents: 500, currency: 'EUR' };

  it('allows a charge that uses exactly what is left', () => {
    expect(limitExceeded(500, amount)).toBeUndefined();
  });

  it('declines a charge above what is left, without revealing the balance', () => {
    const declined = limitExceeded(499, amount);

    expect(declined).toMatchObject({ code: 'LIMIT_EXCEEDED', retryable: false });
    expect(declined?.reason).not.toContain('499');
  });
});

describe('availableOf', () => {
  it('reads nothing available from a missing account', () => {
    expect(availableOf(null)).toBe(0);
    expect(availableOf({ _id: 'customer-1', availableCents: 42 })).toBe(42);
  });
});
