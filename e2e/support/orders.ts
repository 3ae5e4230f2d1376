/**
 * Order-fulfilment fixtures for end-to-end specs that check recovery: an order input, the raw
 * StartSaga JSON an outside client would publish, and readers of each participant's database that
 * show whether an effect was applied once, twice or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';

export interface OrderOptions {
  quantity?: number;
  sku?: string;
  cents?: number;
  country?: string;
  email?: string;
}

export type OrderInput = ReturnType<typeof orderInput>;

/** A fresh order: its own order id and customer, so its effects can be read back in isolation. */
export function orderInput(options: OrderOptions = {}) {
  const id = randomUUID().slice(0, 8);
  return {
    orderId: `order-${id}`,
    customerId: `customer-${id}`,
    email: options.email ?? `buyer-${id}@example.com`,
    items: [{ sku: options.sku ?? 'SKU-BOOK', quantity: options.quantity ?? 2 }],
    amount: { cents: options.cents ?? 4998, currency: 'EUR' },
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: options.country ?? 'GB' },
  };
}

/** A StartSaga as raw JSON, no project code: what a client in another language would publish. */
export function startSagaMessage(sagaId: string, input: OrderInput) {
  return {
    messageId: randomUUID(),
    type: 'StartSaga',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    payload: { sagaType: 'order-fulfilment', sagaId, input },
  };
}

/** What the participants hold about one order, read from their own databases. */
export interface OrderEffects {
  account: Record<string, unknown> | null;
  shipmentStatuses: string[];
  /** Order confirmations (the pivot); dispatch notices (order fulfilment v2, after it) apart. */
  notificationStatuses: string[];
  dispatchNoticeStatuses: string[];
}

export async function effectsOf(db: (service: string) => Db, input: OrderInput): Promise<OrderEffects> {
  const account = await db('payment').collection('accounts').findOne({ _id: input.customerId as never });
  const shipments = await db('shipping').collection('shipments').find({ orderId: input.orderId }).toArray();
  const notifications = await db('notification').collection('notifications').find({ orderId: input.orderId }).toArray();
  return {
    account,
    shipmentStatuses: shipments.map((s) => String(s['status'])),
    notificationStatuses: notifications.filter((n) => n['kind'] !== 'dispatch-notice').map((n) => String(n['status'])),
    dispatchNoticeStatuses: notifications.filter((n) => n['kind'] === 'dispatch-notice').map((n) => String(n['status'])),
  };
}

/** Stock of a SKU in the inventory participant's one warehouse. */
export async function stockOf(db: (service: string) => Db, sku: string): Promise<number | undefined> {
  const warehouse = await db('inventory').collection('warehouses').findOne({ _id: 'main' as never });
  return (warehouse?.['stock'] as Record<string, number> | undefined)?.[sku];
}

/** How often the saga's history records each `event` per step, e.g. `{ 'reserve-inventory': 1 }`. */
export function historyCount(saga: Record<string, unknown>, event: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of saga['history'] as Array<{ event: string; step?: string }>) {
    if (entry.event === event && entry.step) counts[entry.step] = (counts[entry.step] ?? 0) + 1;
  }
  return counts;
}
