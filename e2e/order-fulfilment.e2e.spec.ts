// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts the system with `pnpm start`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderInput, startSagaMessage, type OrderInput } from './support/orders.ts';
import { startSystem, type RunningSystem } from './system.ts';

/**
 * The order-fulfilment saga end to end. The client side is deliberately raw: a JSON literal
 * published with amqplib, no project code — what a service in another language would do.
 */
let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem({ INVENTORY_SEED_STOCK: '{"SKU-BOOK":100,"SKU-LAMP":3}', PAYMENT_DEFAULT_LIMIT_CENTS: '100000' });
});
afterAll(async () => {
  await system?.stop();
});

const order = orderInput;

/** Publishes a StartSaga exactly as an outside client would, and returns the saga id it chose. */
async function startOrder(input: OrderInput): Promise<string> {
  const sagaId = `saga-${randomUUID()}`;
  await system.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
  return sagaId;
}

const stockOf = async (sku: string) => {
  const warehouse = await system.db('inventory').collection('warehouses').findOne({ _id: 'main' as never });
  return (warehouse?.['stock'] as Record<string, number>)[sku];
};
const accountOf = (customerId: string) => system.db('payment').collection('accounts').findOne({ _id: customerId as never });
const shipmentsOf = (orderId: string) => system.db('shipping').collection('shipments').find({ orderId }).toArray();
const notificationsOf = (orderId: string) => system.db('notification').collection('notifications').find({ orderId }).toArray();
const compensatedSteps = (saga: Record<string, unknown>) =>
  (saga['history'] as Array<{ event: string; step?: string }>).filter((h) => h.event === 'step-compensated').map((h) => h.step);

describe('order fulfilment, end to end', () => {
  it('completes a saga started by a raw AMQP publish and applies every effect once', async () => {
    const input = order({ quantity: 2 });
    const before = await stockOf('SKU-BOOK');
    const sagaId = await startOrder(input);
    const saga = await system.waitForTerminal(sagaId);
    expect(saga['status']).toBe('completed');
    expect(Object.values(saga['steps'] as Record<string, { status: string }>).map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(saga['definitionVersion']).toBe(2);
    expect(saga['outbox']).toEqual([]);
    expect(await stockOf('SKU-BOOK')).toBe(before! - 2);
    expect(await accountOf(input.customerId)).toMatchObject({ chargedCents: 4998, availableCents: 100000 - 4998, refundedCents: 0 });
    expect((await shipmentsOf(input.orderId)).map((s) => s['status'])).toEqual(['booked']);
    expect((await notificationsOf(input.orderId)).map((n) => [n['kind'], n['status']])).toEqual([['confirmation', 'sent'], ['dispatch-notice', 'sent']]);
  });

  it('releases the stock when inventory cannot reserve it, and touches nothing else', async () => {
    const input = order({ sku: 'SKU-LAMP', quantity: 50 });
    const before = await stockOf('SKU-LAMP');
    const saga = await system.waitForTerminal(await startOrder(input));
    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'reserve-inventory', code: 'INSUFFICIENT_STOCK' } });
    expect(compensatedSteps(saga)).toEqual([]);
    expect(await stockOf('SKU-LAMP')).toBe(before);
    expect(await accountOf(input.customerId)).toBeNull();
    expect(await shipmentsOf(input.orderId)).toEqual([]);
  });

  it('ends compensated with the stock restored when payment is declined', async () => {
    const input = order({ cents: 250_000 });
    const before = await stockOf('SKU-BOOK');
    const saga = await system.waitForTerminal(await startOrder(input));
    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'process-payment', code: 'LIMIT_EXCEEDED' } });
    expect(compensatedSteps(saga)).toEqual(['reserve-inventory']);
    expect(await stockOf('SKU-BOOK')).toBe(before);
    expect(await accountOf(input.customerId)).toMatchObject({ chargedCents: 0, availableCents: 100000 });
    expect(await shipmentsOf(input.orderId)).toEqual([]);
  });

  it('refunds the payment and releases stock, in that order, when shipping rejects the destination', async () => {
    const input = order({ country: 'AQ' });
    const before = await stockOf('SKU-BOOK');
    const saga = await system.waitForTerminal(await startOrder(input));
    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'create-shipment', code: 'DESTINATION_NOT_SERVED' } });
    expect(compensatedSteps(saga)).toEqual(['process-payment', 'reserve-inventory']);
    expect(await stockOf('SKU-BOOK')).toBe(before);
    expect(await accountOf(input.customerId)).toMatchObject({ chargedCents: 0, refundedCents: 4998, availableCents: 100000 });
    expect((await shipmentsOf(input.orderId)).filter((s) => s['status'] === 'booked')).toEqual([]);
  });

  it('cancels the shipment, refunds and releases, in reverse order, when the confirmation cannot be sent', async () => {
    const input = order({ email: 'someone@blocked.example' });
    const before = await stockOf('SKU-BOOK');
    const saga = await system.waitForTerminal(await startOrder(input));
    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'send-confirmation', code: 'RECIPIENT_SUPPRESSED' } });
    expect(compensatedSteps(saga)).toEqual(['create-shipment', 'process-payment', 'reserve-inventory']);
    expect(await stockOf('SKU-BOOK')).toBe(before);
    expect(await accountOf(input.customerId)).toMatchObject({ chargedCents: 0, refundedCents: 4998, availableCents: 100000 });
    expect((await shipmentsOf(input.orderId)).map((s) => s['status'])).toEqual(['cancelled']);
    expect((await notificationsOf(input.orderId)).filter((n) => n['status'] === 'sent')).toEqual([]);
  });

  it('answers the HTTP API with a 400 for a bad saga id and a 404 for an unknown one', async () => {
    expect((await system.getJson('/sagas/not%20valid')).status).toBe(400);
    expect((await system.getJson('/sagas/no-such-saga')).status).toBe(404);
    expect((await system.getJson('/sagas?status=bogus')).status).toBe(400);
  });
});
