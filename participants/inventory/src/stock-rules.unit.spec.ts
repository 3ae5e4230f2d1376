import { describe, expect, it } from 'vitest';
import { stockChange, stockGuard, stockShortfall, sumBySku } from './stock-rules.ts';

describe('sumBySku', () => {
  it('adds up the lines that name the same SKU', () => {
    const lines = [
      { sku: 'SKU-BOOK', quantity: 2 },
      { sku: 'SKU-PEN', quantity: 1 },
      { sku: 'SKU-BOOK', quantity: 3 },
    ];

    expect(sumBySku(lines)).toEqual({ 'SKU-BOOK': 5, 'SKU-PEN': 1 });
  });
});

describe('stockGuard and stockChange', () => {
  it('require and take every SKU through its stock field path', () => {
    expect(stockGuard({ 'SKU-BOOK': 5 })).toEqual({ 'stock.SKU-BOOK': { $gte: 5 } });
    expect(stockChange({ 'SKU-BOOK': 5 }, -1)).toEqual({ 'stock.SKU-BOOK': -5 });
    expect(stockChange({ 'SKU-BOOK': 5 }, 1)).toEqual({ 'stock.SKU-BOOK': 5 });
  });
});

describe('stockShortfall', () => {
  const stock = { 'SKU-BOOK': 4, 'SKU-LAMP': 1 };

  it('finds nothing wrong when every SKU is covered', () => {
    expect(stockShortfall(stock, { 'SKU-BOOK': 4, 'SKU-LAMP': 1 })).toBeUndefined();
  });

  it('names the short SKU with what was requested and what is available', () => {
    expect(stockShortfall(stock, { 'SKU-BOOK': 1, 'SKU-LAMP': 2 })).toEqual({
      code: 'INSUFFICIENT_STOCK',
      reason: 'SKU-LAMP: 2 requested, 1 available',
      retryable: false,
    });
  });

  it('reports an unknown SKU ahead of a short one, because restocking will not fix it', () => {
    expect(stockShortfall(stock, { 'SKU-LAMP': 9, 'SKU-GHOST': 1 })).toEqual({
      code: 'UNKNOWN_SKU',
      reason: 'not stocked here: SKU-GHOST',
      retryable: false,
    });
  });

  it('does not mistake inherited object properties for stocked SKUs', () => {
    expect(stockShortfall(stock, { constructor: 1 })?.code).toBe('UNKNOWN_SKU');
  });

  it('keeps the reason within the 500 characters a failure reply allows', () => {
    const wanted = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`SKU-MISSING-${i}`, 1]));

    expect(stockShortfall({}, wanted)?.reason.length).toBeLessThanOrEqual(500);
  });
});
