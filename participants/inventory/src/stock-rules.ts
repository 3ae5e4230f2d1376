import type { FailureReason } from '@saga/contracts';
import type { OrderLine } from '@order-fulfilment/contracts';

/** SKU → quantity. SKUs are validated (no "." or "$"), so they are safe in `stock.<sku>` field paths. */
export type Quantities = Record<string, number>;

/** FailureReason.reason is capped at 500 characters; a 50-line order could say more than that. */
const REASON_LIMIT = 500;

/** Total quantity per SKU: an order may name one SKU on several lines, and the guard must see the sum. */
export function sumBySku(lines: readonly OrderLine[]): Quantities {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of lines) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return Object.fromEntries(totals);
}

/** The filter that only matches a warehouse holding at least `wanted` of every SKU. */
export function stockGuard(wanted: Quantities): Record<string, { $gte: number }> {
  return Object.fromEntries(Object.entries(wanted).map(([sku, quantity]) => [`stock.${sku}`, { $gte: quantity }]));
}

/** The `$inc` that takes `wanted` out of stock (direction -1) or puts it back (+1). */
export function stockChange(wanted: Quantities, direction: 1 | -1): Record<string, number> {
  return Object.fromEntries(Object.entries(wanted).map(([sku, quantity]) => [`stock.${sku}`, direction * quantity]));
}

/**
 * Why `stock` cannot cover `wanted`, or undefined when it can. An unknown SKU is reported before
 * a short one: restocking will never fix it.
 */
export function stockShortfall(stock: Readonly<Record<string, unknown>>, wanted: Quantities): FailureReason | undefined {
  const entries = Object.entries(wanted);
  const unknown = entries.filter(([sku]) => !Object.hasOwn(stock, sku) || typeof stock[sku] !== 'number').map(([sku]) => sku);
  if (unknown.length > 0) {
    return { code: 'UNKNOWN_SKU', reason: clip(`not stocked here: ${unknown.join(', ')}`), retryable: false };
  }
  const short = entries
    .filter(([sku, quantity]) => (stock[sku] as number) < quantity)
    .map(([sku, quantity]) => `${sku}: ${quantity} requested, ${stock[sku] as number} available`);
  if (short.length > 0) return { code: 'INSUFFICIENT_STOCK', reason: clip(short.join('; ')), retryable: false };
  return undefined;
}

function clip(text: string): string {
  return text.length <= REASON_LIMIT ? text : `${text.slice(0, REASON_LIMIT - 1)}…`;
}
