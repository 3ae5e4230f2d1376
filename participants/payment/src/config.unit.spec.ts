import { describe, expect, it } from 'vitest';
import { PaymentConfig } from './config.ts';

describe('PaymentConfig', () => {
  it('opens accounts with a limit of 100000 cents unless told otherwise', () => {
    expect(PaymentConfig.parse({}).PAYMENT_DEFAULT_LIMIT_CENTS).toBe(100_000);
    expect(PaymentConfig.parse({ PAYMENT_DEFAULT_LIMIT_CENTS: '2500' }).PAYMENT_DEFAULT_LIMIT_CENTS).toBe(2500);
  });

  it.each(['-1', '12.5', 'lots'])('rejects %s as a limit', (value) => {
    expect(PaymentConfig.safeParse({ PAYMENT_DEFAULT_LIMIT_CENTS: value }).success).toBe(false);
  });
});
