import { describe, expect, it } from 'vitest';
import { InventoryConfig } from './config.ts';

describe('InventoryConfig', () => {
  it('seeds books, pens and lamps when INVENTORY_SEED_STOCK is not set', () => {
    expect(InventoryConfig.parse({}).INVENTORY_SEED_STOCK).toEqual({ 'SKU-BOOK': 100, 'SKU-PEN': 500, 'SKU-LAMP': 5 });
  });

  it('reads a JSON object of SKU → count', () => {
    expect(InventoryConfig.parse({ INVENTORY_SEED_STOCK: '{"SKU-MUG":7}' }).INVENTORY_SEED_STOCK).toEqual({ 'SKU-MUG': 7 });
  });

  it.each([
    ['text that is not JSON', 'lots'],
    ['a negative count', '{"SKU-MUG":-1}'],
    ['a fractional count', '{"SKU-MUG":1.5}'],
    ['a SKU that is not upper-case', '{"sku.mug":1}'],
    ['a list instead of an object', '[1,2]'],
  ])('rejects %s', (_, value) => {
    expect(InventoryConfig.safeParse({ INVENTORY_SEED_STOCK: value }).success).toBe(false);
  });
});
