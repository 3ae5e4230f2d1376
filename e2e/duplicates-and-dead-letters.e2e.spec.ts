// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts the system with `pnpm start`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology } from '@saga/contracts';
import { orderSystem } from '@order-fulfilment/contracts';
import { drainQueue, eventually } from '@saga/runtime/testing';
import { startSystem, type RunningSystem } from './system.ts';

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

const input = (id: string) => ({
  orderId: `order-${id}`,
  customerId: `customer-${id}`,
  email: `buyer-${id}@example.com`,
  items: [{ sku: 'SKU-PEN', quantity: 1 }],
  amount: { cents: 150, currency: 'EUR' },
  shippingAddress: { name: 'Grace Hopper', line1: '1 Navy Way', city: 'Arlington', postalCode: '22202', country: 'US' },
});

const startSaga = (payload: Record<string, unknown>, messageId = randomUUID()) => ({
  messageId,
  type: 'StartSaga',
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  payload: { sagaType: 'order-fulfilment', ...payload },
});

const sagas = () => system.db('orchestrator').collection('sagas');

interface Saga {
  version: number;
  status: string;
  steps: Record<string, { action: { commandIds: string[] } }>;
  history: Array<{ event: string; step?: string; messageId?: string }>;
}

describe('duplicates change nothing', () => {
  it('starts one saga for one saga id sent twice', async () => {
    const sagaId = `saga-${randomUUID()}`;
    const duplicatesBefore = await system.metric('saga_messages_total', { type: 'StartSaga', outcome: 'duplicate' });
    await system.publish('commands', 'orchestrator', startSaga({ sagaId, input: input('a') }));
    await system.publish('commands', 'orchestrator', startSaga({ sagaId, input: input('a') }));
    await system.waitForTerminal(sagaId);
    await eventually(async () => expect(await system.metric('saga_messages_total', { type: 'StartSaga', outcome: 'duplicate' })).toBe(duplicatesBefore + 1));
    expect(await sagas().countDocuments({ _id: sagaId as never })).toBe(1);
    expect(await system.db('payment').collection('accounts').findOne({ _id: 'customer-a' as never })).toMatchObject({ chargedCents: 150 });
  });

  it('starts one saga for one idempotency key sent twice', async () => {
    const idempotencyKey = `checkout-${randomUUID()}`;
    await system.publish('commands', 'orchestrator', startSaga({ idempotencyKey, input: input('b') }));
    await system.publish('commands', 'orchestrator', startSaga({ idempotencyKey, input: input('b') }));
    const saga = await eventually(async () => {
      const found = await sagas().find({ idempotencyKey }).toArray();
      expect(found).toHaveLength(1);
      expect(found[0]!['status']).toBe('completed');
      return found[0]!;
    });
    expect(await sagas().countDocuments({ idempotencyKey })).toBe(1);
    expect(saga['sagaType']).toBe('order-fulfilment');
  });

  it('ignores a duplicated reply and a duplicated command, leaving saga and ledgers as they were', async () => {
    const sagaId = `saga-${randomUUID()}`;
    const id = randomUUID().slice(0, 8);
    await system.publish('commands', 'orchestrator', startSaga({ sagaId, input: input(id) }));
    await system.waitForTerminal(sagaId);
    const saga = (await sagas().findOne({ _id: sagaId as never })) as unknown as Saga;
    const reserve = { commandId: saga.steps['reserve-inventory']!.action.commandIds.at(-1)! };
    const reserved = saga.history.find((h) => h.event === 'step-succeeded' && h.step === 'reserve-inventory')!;
    const payment = { commandId: saga.steps['process-payment']!.action.commandIds.at(-1)! };
    const replyDuplicatesBefore = await system.metric('saga_messages_total', { type: 'InventoryReserved', outcome: 'duplicate' });
    const paymentDuplicatesBefore = await system.metric('saga_messages_total', { type: 'PaymentProcessed', outcome: 'duplicate' });

    // The reply again, byte for byte what inventory would re-send: same messageId, same causation.
    // Replies go to the saga's partition queue.
    await system.publish('replies', topology(orderSystem, system.namespace).replyRoutingKey(sagaId), {
      messageId: reserved.messageId,
      type: 'InventoryReserved',
      schemaVersion: 1,
      correlationId: sagaId,
      causationId: reserve.commandId,
      step: 'reserve-inventory',
      occurredAt: new Date().toISOString(),
      payload: { reservationId: `${sagaId}:reserve-inventory`, items: [{ sku: 'SKU-PEN', quantity: 1 }] },
    });
    // The command again, as a broker redelivery would bring it to the payment participant.
    await system.publish('commands', 'payment', {
      messageId: payment.commandId,
      type: 'ProcessPayment',
      schemaVersion: 1,
      correlationId: sagaId,
      causationId: reserved.messageId,
      step: 'process-payment',
      occurredAt: new Date().toISOString(),
      payload: { orderId: `order-${id}`, customerId: `customer-${id}`, amount: { cents: 150, currency: 'EUR' } },
    });

    await eventually(async () => {
      expect(await system.metric('saga_messages_total', { type: 'InventoryReserved', outcome: 'duplicate' })).toBe(replyDuplicatesBefore + 1);
      // Payment answered the duplicate with its recorded outcome, under the same reply id.
      expect(await system.metric('saga_messages_total', { type: 'PaymentProcessed', outcome: 'duplicate' })).toBe(paymentDuplicatesBefore + 1);
    });
    const after = (await sagas().findOne({ _id: sagaId as never })) as unknown as Saga;
    expect(after.version).toBe(saga.version);
    expect(after.status).toBe('completed');
    expect(await system.db('payment').collection('accounts').findOne({ _id: `customer-${id}` as never })).toMatchObject({ chargedCents: 150, availableCents: 100000 - 150 });
  });
});

describe('invalid StartSaga commands', () => {
  it('go to the dead-letter queue with a reason, and start nothing', async () => {
    const unknownType = `saga-${randomUUID()}`;
    const badInput = `saga-${randomUUID()}`;
    await system.publish('commands', 'orchestrator', '{"type":"StartSaga", this is not json');
    await system.publish('commands', 'orchestrator', { ...startSaga({ sagaId: unknownType, input: input('c') }), payload: { sagaType: 'no-such-saga', sagaId: unknownType, input: {} } });
    await system.publish('commands', 'orchestrator', startSaga({ sagaId: badInput, input: { orderId: 'o-1' } }));
    const dead: Awaited<ReturnType<typeof drainQueue>> = [];
    await eventually(async () => {
      dead.push(...(await drainQueue(`${system.namespace}.dead-letter`)));
      expect(dead.length).toBeGreaterThanOrEqual(3);
    });
    const codes = dead.map((m) => m.properties.headers?.['x-error-code']).sort();
    expect(codes).toEqual(['ERR_INVALID_SAGA_INPUT', 'ERR_MALFORMED_JSON', 'ERR_UNKNOWN_SAGA_TYPE']);
    for (const message of dead) {
      expect(String(message.properties.headers?.['x-death-reason'])).not.toBe('');
      expect(message.properties.headers?.['x-original-queue']).toBe(`${system.namespace}.orchestrator.commands`);
    }
    expect(String(dead.find((m) => m.properties.headers?.['x-error-code'] === 'ERR_INVALID_SAGA_INPUT')!.properties.headers!['x-death-reason'])).toContain('customerId');
    expect(await sagas().countDocuments({ _id: { $in: [unknownType, badInput] } as never })).toBe(0);
  });
});
