import { describe, expect, it } from 'vitest';
import { ShippingConfig } from './config.ts';

describe('ShippingConfig', () => {
  it('serves ten countries in Europe and North America unless told otherwise', () => {
    expect(ShippingConfig.parse({}).SHIPPING_COUNTRIES).toEqual(['GB', 'IE', 'FR', 'DE', 'NL', 'BE', 'ES', 'IT', 'US', 'CA']);
  });

  it('reads a comma list, forgiving spaces, lower case and a trailing comma', () => {
    expect(ShippingConfig.parse({ SHIPPING_COUNTRIES: ' gb, FR ,' }).SHIPPING_COUNTRIES).toEqual(['GB', 'FR']);
  });

  it.each([
    ['a three-letter code', 'GBR'],
    ['an empty list', ' , '],
  ])('rejects %s', (_, value) => {
    expect(ShippingConfig.safeParse({ SHIPPING_COUNTRIES: value }).success).toBe(false);
  });
});
