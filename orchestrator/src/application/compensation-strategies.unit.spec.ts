import { describe, expect, it } from 'vitest';
import { exampleCheckout } from '../../test/checkout-system.ts';
import { checkoutHarness, checkoutSaga, confirmStep, items, paid, payStep, reserveStep, statuses, transient, type CheckoutStep } from '../../test/checkout-saga.ts';
import type { CompensationStrategy } from '../domain/definition.ts';
import { definitionProblems } from '../domain/validate-definition.ts';

/** reserve → pay → ship (all compensatable) → notify (the pivot): three steps to undo when the pivot is refused. */
const shipStep: CheckoutStep = {
  name: 'ship', participant: 'carrier', kind: 'compensatable',
  action: { command: 'BookParcel', build: ({ input }) => ({ orderId: input.orderId, items: input.items, address: input.address }) },
  compensation: { command: 'CancelParcel', build: ({ input }) => ({ orderId: input.orderId }) },
};
const notifyPivot: CheckoutStep = {
  name: 'notify', participant: 'mailer', kind: 'pivot',
  action: { command: 'SendReceipt', build: ({ input }) => ({ orderId: input.orderId, email: input.email, trackingNumber: 'TRK-1' }) },
};

function harness(compensationStrategy: CompensationStrategy) {
  return checkoutHarness([checkoutSaga({ compensationStrategy, steps: [reserveStep, payStep, shipStep, notifyPivot] })]);
}

/** Runs the three steps, then the pivot is refused: everything before it must be undone. */
async function refusedAtThePivot(h: ReturnType<typeof harness>) {
  await h.start('checkout', exampleCheckout);
  await h.reply('StockReserved', { reservationId: 'r-1', items });
  await h.reply('CardCharged', paid);
  await h.reply('ParcelBooked', { parcelId: 's-1', trackingNumber: 'TRK-1' });
  const sentBefore = h.publisher.sent.length;
  await h.reply('ReceiptFailed', { code: 'RECIPIENT_SUPPRESSED', reason: 'suppressed', retryable: false });
  return h.publisher.sent.slice(sentBefore);
}

const compensation = (h: ReturnType<typeof harness>, type: string) => h.publisher.sent.findLast((c) => c.envelope.type === type)!;

describe('parallel compensation', () => {
  it('sends every compensation at once and ends compensated when the last one answers, in any order', async () => {
    const h = harness('parallel');
    const sent = await refusedAtThePivot(h);
    expect(sent.map((c) => c.envelope.type)).toEqual(['CancelParcel', 'RefundCharge', 'ReleaseStock']);
    expect(statuses(await h.saga())).toEqual(['compensating', 'compensating', 'compensating', 'failed']);
    await h.reply('StockReleased', { outcome: 'compensated' }, compensation(h, 'ReleaseStock'));
    await h.reply('ParcelCancelled', { outcome: 'compensated' }, compensation(h, 'CancelParcel'));
    expect((await h.saga()).status).toBe('compensating');
    await h.reply('ChargeRefunded', { outcome: 'compensated' }, compensation(h, 'RefundCharge'));
    expect(await h.saga()).toMatchObject({ status: 'compensated' });
  });

  it('gives each compensation its own budget and timers', async () => {
    const h = harness('parallel');
    await refusedAtThePivot(h);
    await h.reply('RefundFailed', transient(), compensation(h, 'RefundCharge'));
    await h.advance(1_000);
    const saga = await h.saga();
    expect(saga.steps['pay']!.compensation).toMatchObject({ attempt: 2, budget: { used: 2 } });
    expect(saga.steps['reserve']!.compensation).toMatchObject({ attempt: 1, budget: { used: 1 } });
    expect(saga.steps['ship']!.compensation).toMatchObject({ attempt: 1, budget: { used: 1 } });
  });

  it('waits for the others when one cannot be done, then parks listing it; a retry tries it again and ends compensated', async () => {
    const h = harness('parallel');
    await refusedAtThePivot(h);
    await h.reply('RefundFailed', { code: 'ERR_HANDLER_FAILED', reason: 'billing failed on RefundCharge: TypeError', retryable: false, kind: 'error' }, compensation(h, 'RefundCharge'));
    expect((await h.saga()).status).toBe('compensating');
    await h.reply('ParcelCancelled', { outcome: 'compensated' }, compensation(h, 'CancelParcel'));
    await h.reply('StockReleased', { outcome: 'compensated' }, compensation(h, 'ReleaseStock'));
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'compensation-failed', step: 'pay', phase: 'compensation', failedSteps: ['pay'], lastError: { code: 'ERR_HANDLER_FAILED' } } });
    await h.act({ action: 'retry-step', reason: 'account repaired', operator: 'alice' });
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    await h.reply('ChargeRefunded', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated' });
  });
});

describe('best-effort compensation', () => {
  it('goes on past a compensation that cannot be done, in reverse order, and parks at the end listing what failed', async () => {
    const h = harness('best-effort');
    const sent = await refusedAtThePivot(h);
    expect(sent.map((c) => c.envelope.type)).toEqual(['CancelParcel']);
    await h.reply('ParcelCancellationFailed', { code: 'CARRIER_REFUSED', reason: 'the carrier already collected it', retryable: false });
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    await h.reply('ChargeRefunded', { outcome: 'compensated' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    const saga = await h.saga();
    expect(saga).toMatchObject({ status: 'parked', parked: { reason: 'compensation-failed', step: 'ship', failedSteps: ['ship'], lastError: { code: 'CARRIER_REFUSED' } } });
    expect(statuses(saga)).toEqual(['compensated', 'compensated', 'compensation-failed', 'failed']);
  });

  it('lets an operator skip the compensation they did by hand, and then ends compensated', async () => {
    const h = harness('best-effort');
    await refusedAtThePivot(h);
    await h.reply('ParcelCancellationFailed', { code: 'CARRIER_REFUSED', reason: 'collected', retryable: false });
    await h.reply('ChargeRefunded', { outcome: 'compensated' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    await h.act({ action: 'skip-step', step: 'ship', reason: 'parcel recalled by phone', operator: 'bob' });
    expect(await h.saga()).toMatchObject({ status: 'compensated' });
    expect(statuses(await h.saga())).toEqual(['compensated', 'compensated', 'compensation-skipped', 'failed']);
  });
});

describe('sequential compensation (the default)', () => {
  it('parks at the first compensation that cannot be done, with the steps before it still applied', async () => {
    const h = checkoutHarness([checkoutSaga({ steps: [reserveStep, payStep, shipStep, notifyPivot] })]);
    await refusedAtThePivot(h);
    await h.reply('ParcelCancellationFailed', { code: 'CARRIER_REFUSED', reason: 'collected', retryable: false });
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'compensation-failed', step: 'ship' } });
    expect(h.commandTypes().filter((t) => t === 'RefundCharge' || t === 'ReleaseStock')).toEqual([]);
  });
});

describe('the strategy is checked by defineSaga', () => {
  it('refuses a strategy it does not know', () => {
    expect(definitionProblems(checkoutSaga({ steps: [reserveStep, payStep, confirmStep] }))).toEqual([]);
    expect(definitionProblems({ ...checkoutSaga(), compensationStrategy: 'random' as never })).toContain('compensationStrategy must be one of sequential, parallel, best-effort');
  });
});
