import { randomUUID } from 'node:crypto';

/**
 * The orders both systems are driven with, and the business settings both are started with.
 * Happy orders spread over 20 SKUs and 50 customers (as a shop would, and so no one document takes
 * every write); every `1 / refusedFraction`-th order is refused by one of the four rules in turn —
 * no stock, over the limit, an unserved country, a suppressed recipient — and compensates.
 */
export const SKUS = Array.from({ length: 20 }, (_, i) => `SKU-${i}`);
export const OUT_OF_STOCK = 'SKU-OUT';
export const SEED_STOCK: Record<string, number> = { ...Object.fromEntries(SKUS.map((sku) => [sku, 1_000_000])), [OUT_OF_STOCK]: 0 };
export const LIMIT_CENTS = 10_000_000;
export const ORDER_CENTS = 100;

/** The same variables and values for the project's participants and the floor's. */
export const BUSINESS_ENV: Record<string, string> = {
  INVENTORY_SEED_STOCK: JSON.stringify(SEED_STOCK),
  PAYMENT_DEFAULT_LIMIT_CENTS: String(LIMIT_CENTS),
  SHIPPING_COUNTRIES: 'GB,IE,FR,DE,NL,BE,ES,IT,US,CA',
  NOTIFICATION_SUPPRESSED_DOMAINS: 'blocked.example',
};

export type Refusal = 'stock' | 'limit' | 'country' | 'suppressed';
const REFUSALS: readonly Refusal[] = ['stock', 'limit', 'country', 'suppressed'];

export interface BenchOrder {
  sagaId: string;
  expected: 'completed' | 'compensated';
  refusal: Refusal | undefined;
  sku: string;
  cents: number;
  input: {
    orderId: string;
    customerId: string;
    email: string;
    items: Array<{ sku: string; quantity: number }>;
    amount: { cents: number; currency: string };
    shippingAddress: { name: string; line1: string; city: string; postalCode: string; country: string };
  };
}

/** The n-th order of a run; `refusedFraction` 0 makes every order happy. */
export function benchOrder(n: number, refusedFraction: number): BenchOrder {
  const every = refusedFraction > 0 ? Math.max(1, Math.round(1 / refusedFraction)) : 0;
  const refusal = every > 0 && n % every === every - 1 ? REFUSALS[Math.floor(n / every) % REFUSALS.length] : undefined;
  const sagaId = `bench-${randomUUID()}`;
  const sku = refusal === 'stock' ? OUT_OF_STOCK : SKUS[n % SKUS.length]!;
  const cents = refusal === 'limit' ? LIMIT_CENTS * 5 : ORDER_CENTS;
  return {
    sagaId,
    expected: refusal ? 'compensated' : 'completed',
    refusal,
    sku,
    cents,
    input: {
      orderId: `order-${sagaId.slice(6, 18)}`,
      customerId: `customer-${n % 50}`,
      email: refusal === 'suppressed' ? `buyer-${n}@blocked.example` : `buyer-${n}@example.com`,
      items: [{ sku, quantity: 1 }],
      amount: { cents, currency: 'EUR' },
      shippingAddress: { name: 'Bench Buyer', line1: '1 Loopback Lane', city: 'Localhost', postalCode: 'LO1 1LO', country: refusal === 'country' ? 'AQ' : 'GB' },
    },
  };
}

/**
 * StartSaga as README "Start a saga" shows it: raw JSON, no project code. Pinned to version 1, the
 * four steps the floor implements: the newest version (v2) adds a dispatch notice, which would make
 * the project do a fifth step the floor does not, and send two notifications per saga.
 */
export function startSagaEnvelope(order: BenchOrder) {
  return {
    messageId: randomUUID(),
    type: 'StartSaga',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    payload: { sagaType: 'order-fulfilment', sagaVersion: 1, sagaId: order.sagaId, input: order.input },
  };
}
