// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandsOf, PayloadOf } from '@saga/contracts';
import { orderSystem, type OrderSystem } from '@order-fulfilment/contracts';
import type { DocumentCollection, LedgerDocument, ParticipantDefinition } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { createPaymentParticipant } from './participant.ts';

const LIMIT = 10_000;
const CUSTOMER = 'customer-42';
let spec: ParticipantDatabase;
let accounts: DocumentCollection<LedgerDocument>;
let payment: ParticipantDefinition<OrderSystem, 'payment'>;

beforeAll(async () => {
  spec = await openParticipantDatabase('payment');
  accounts = spec.db.collection<LedgerDocument>('accounts');
});

afterAll(() => spec?.drop());

beforeEach(async () => {
  await accounts.deleteMany({});
  payment = createPaymentParticipant(spec.db, { defaultLimitCents: LIMIT });
});

const command = <C extends CommandsOf<OrderSystem, 'payment'>>(type: C, sagaId: string, payload: PayloadOf<OrderSystem, C>) =>
  handlerContext(orderSystem, type, sagaId, 'process-payment', payload);

const euros = (cents: number) => ({ cents, currency: 'EUR' });
const pay = (sagaId: string, cents: number, customerId = CUSTOMER) =>
  payment.handles.ProcessPayment(command('ProcessPayment', sagaId, { orderId: `order-${sagaId}`, customerId, amount: euros(cents) }));
const refund = (sagaId: string, customerId = CUSTOMER) =>
  payment.handles.RefundPayment(command('RefundPayment', sagaId, { orderId: `order-${sagaId}`, customerId }));

async function balances(customerId = CUSTOMER) {
  const account = await accounts.findOne({ _id: customerId });
  if (!account) return undefined;
  const { limitCents, availableCents, chargedCents, refundedCents } = account;
  return { limitCents, availableCents, chargedCents, refundedCents };
}

describe('ProcessPayment', () => {
  it('opens an account with the default limit and charges it', async () => {
    const reply = await pay('saga-a', 4_000);

    expect(reply).toEqual({ type: 'PaymentProcessed', payload: { paymentId: 'pay-saga-a:process-payment', amount: euros(4_000) } });
    expect(await balances()).toEqual({ limitCents: LIMIT, availableCents: 6_000, chargedCents: 4_000, refundedCents: 0 });
  });

  it('declines with LIMIT_EXCEEDED and charges nothing when the amount is above the remaining limit', async () => {
    await pay('saga-a', 8_000);

    const reply = await pay('saga-b', 2_001);

    expect(reply).toMatchObject({ type: 'PaymentDeclined', payload: { code: 'LIMIT_EXCEEDED', retryable: false } });
    expect(await balances()).toMatchObject({ availableCents: 2_000, chargedCents: 8_000 });
  });

  it('answers a repeated command with the recorded payment and charges once', async () => {
    const first = await pay('saga-a', 4_000);
    const again = await pay('saga-a', 4_000);

    expect(again).toEqual(first);
    expect(await balances()).toMatchObject({ availableCents: 6_000, chargedCents: 4_000 });
  });

  it('repeats a recorded decline even after the limit is raised', async () => {
    const first = await pay('saga-a', 20_000);
    await accounts.updateOne({ _id: CUSTOMER }, { $set: { availableCents: 50_000 } });

    expect(await pay('saga-a', 20_000)).toEqual(first);
    expect(await balances()).toMatchObject({ availableCents: 50_000, chargedCents: 0 });
  });

  it('never resets an existing account when the default limit changes', async () => {
    await pay('saga-a', 4_000);
    payment = createPaymentParticipant(spec.db, { defaultLimitCents: 1_000_000 });

    await pay('saga-b', 1_000);

    expect(await balances()).toEqual({ limitCents: LIMIT, availableCents: 5_000, chargedCents: 5_000, refundedCents: 0 });
  });

  it('is serialized per customer', () => {
    const key = payment.serializeOn?.({ sagaId: 'saga-a', type: 'RefundPayment', payload: { orderId: 'order-1', customerId: CUSTOMER } });

    expect(key).toBe(`customer:${CUSTOMER}`);
  });
});

describe('RefundPayment', () => {
  it('gives back the recorded charge exactly once', async () => {
    await pay('saga-a', 4_000);

    const first = await refund('saga-a');
    const again = await refund('saga-a');

    expect(first).toEqual({ type: 'PaymentRefunded', payload: { outcome: 'compensated' } });
    expect(again).toEqual({ type: 'PaymentRefunded', payload: { outcome: 'compensated' } });
    expect(await balances()).toEqual({ limitCents: LIMIT, availableCents: LIMIT, chargedCents: 0, refundedCents: 4_000 });
  });

  it('has nothing to refund after a decline', async () => {
    await pay('saga-a', 20_000);

    expect(await refund('saga-a')).toEqual({ type: 'PaymentRefunded', payload: { outcome: 'nothing-to-compensate' } });
    expect(await balances()).toEqual({ limitCents: LIMIT, availableCents: LIMIT, chargedCents: 0, refundedCents: 0 });
  });

  it('records a refund that overtakes the payment of a new customer, and declines the late payment', async () => {
    const early = await refund('saga-a', 'customer-new');
    const late = await pay('saga-a', 1_000, 'customer-new');

    expect(early).toEqual({ type: 'PaymentRefunded', payload: { outcome: 'nothing-to-compensate' } });
    expect(late).toMatchObject({ type: 'PaymentDeclined', payload: { code: 'ALREADY_COMPENSATED', retryable: false } });
    expect(await balances('customer-new')).toEqual({ limitCents: LIMIT, availableCents: LIMIT, chargedCents: 0, refundedCents: 0 });
  });
});
