import { describe, expect, it } from 'vitest';
import { checkout, exampleCheckout } from '../../test/checkout-system.ts';
import { purchase } from '../../test/saga-fixtures.ts';
import { defineSaga } from '../domain/validate-definition.ts';
import { createSagaTestHarness } from './saga-test-harness.ts';

const items = exampleCheckout.items;
const harness = () => createSagaTestHarness({ system: checkout, definitions: [purchase] });

/** Purchase v2: v1 plus a forward-only receipt after the pivot, as a team ships a changed saga. */
const purchaseV2 = defineSaga(checkout, {
  ...purchase,
  version: 2,
  steps: [
    ...purchase.steps,
    { name: 'send-copy', participant: 'mailer', kind: 'retriable', action: { command: 'SendReceipt', build: ({ input }) => ({ orderId: input.orderId, email: input.email, trackingNumber: 'TRK-COPY' }) } },
  ],
});

describe('the saga test harness', () => {
  it('plays a whole conversation of any system without broker or database', async () => {
    const h = harness();
    await h.start('purchase', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', { chargeId: 'c-1', amount: exampleCheckout.amount });
    await h.reply('ParcelBooked', { parcelId: 'p-1', trackingNumber: 'TRK-9' });
    await h.reply('ReceiptSent', { receiptId: 'n-1' });
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ChargeCard', 'BookParcel', 'SendReceipt']);
    expect(h.publisher.sent.at(-1)!.envelope.payload).toMatchObject({ trackingNumber: 'TRK-9' });
    expect(await h.saga()).toMatchObject({ status: 'completed', definitionVersion: 1, outbox: [] });
  });

  it('ships v2 of a saga while v1 sagas are in flight: each runs the version it started with', async () => {
    const h = harness();
    const v1 = await h.start('purchase', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    const charge = h.lastCommand();
    // The new build deploys v2 beside v1; the orchestrator restarts over the same store.
    h.redeploy([purchase, purchaseV2]);
    const v2 = await h.start('purchase', { ...exampleCheckout, orderId: 'order-2' });
    expect(await h.saga(v2)).toMatchObject({ definitionVersion: 2 });
    await h.reply('CardCharged', { chargeId: 'c-1', amount: exampleCheckout.amount }, charge);
    await h.reply('ParcelBooked', { parcelId: 'p-1', trackingNumber: 'TRK-9' }, h.publisher.sent.findLast((c) => c.envelope.correlationId === v1)!);
    await h.reply('ReceiptSent', { receiptId: 'n-1' }, h.publisher.sent.findLast((c) => c.envelope.correlationId === v1)!);
    expect(await h.saga(v1)).toMatchObject({ status: 'completed', definitionVersion: 1 });
    expect(Object.keys((await h.saga(v2)).steps)).toContain('send-copy');
  });

  it('shows the compensation a declined charge causes', async () => {
    const h = harness();
    await h.start('purchase', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', { code: 'LIMIT_EXCEEDED', reason: 'too much', retryable: false });
    expect(h.lastCommand().envelope.type).toBe('ReleaseStock');
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'charge-card', code: 'LIMIT_EXCEEDED' } });
  });

  it('refuses to start a saga whose input breaks the definition', async () => {
    const h = harness();
    await expect(h.start('purchase', { orderId: 'o-1' })).rejects.toThrow('ERR_INVALID_SAGA_INPUT');
  });
});
