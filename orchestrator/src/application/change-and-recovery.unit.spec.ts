import { describe, expect, it } from 'vitest';
import { exampleCheckout } from '../../test/checkout-system.ts';
import {
  WINDOW,
  checkoutHarness,
  checkoutSaga,
  confirmStep,
  items,
  notifyStep,
  paid,
  payStep,
  refundFromResult,
  refusal,
  reserveStep,
  shipped,
  statuses,
  transient,
} from '../../test/checkout-saga.ts';
import { MemorySagaStore } from '../adapters/memory/memory-saga-store.ts';
import { RECENT_ACTIONS, RECENT_ATTEMPTS } from '../domain/saga-state.ts';
import { sagaRegistry } from '../domain/saga-registry.ts';
import { checkDeployedDefinitions } from './deployed-definitions.ts';

/** The behaviours of the issue "The saga core, rebuilt for change and recovery", each as it was reproduced. */

describe('1. an operator resumes the phase the saga parked in', () => {
  it('resumes compensation, not the action, when a compensation that could not be built is fixed', async () => {
    // Given a refund that needs the payment's result, and a payment that timed out for good
    const broken = checkoutSaga({ steps: [reserveStep, { ...payStep, compensation: refundFromResult }, confirmStep, notifyStep] });
    const h = checkoutHarness([broken]);
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'compensation-unbuildable', step: 'pay', phase: 'compensation' } });
    // When the definition is fixed and an operator resumes the compensation
    h.redeploy([checkoutSaga()]);
    expect(await h.act({ action: 'resume-compensation', reason: 'refund builder fixed', operator: 'alice' })).toMatchObject({ kind: 'accepted' });
    // Then the refund is sent — not the payment again — and the saga ends compensated
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    expect((await h.saga()).status).toBe('compensating');
    await h.reply('ChargeRefunded', { outcome: 'nothing-to-compensate' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated' });
    expect(h.commandTypes().filter((t) => t === 'ChargeCard')).toHaveLength(3);
  });

  it('resumes compensation on retry-step too, for a saga parked in compensation', async () => {
    const broken = checkoutSaga({ steps: [reserveStep, { ...payStep, compensation: refundFromResult }, confirmStep, notifyStep] });
    const h = checkoutHarness([broken]);
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    h.redeploy([checkoutSaga()]);
    await h.act({ action: 'retry-step', reason: 'fixed', operator: 'alice' });
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    expect((await h.saga()).steps['pay']!.status).toBe('compensating');
  });
});

describe('2. outbox entries are independent', () => {
  it('compensates with the refund and the release when a retry of the payment can never be published', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    // The first attempt went out and timed out (it may have run); every later attempt is over the size limit.
    h.publisher.refuse((e) => e.envelope.type === 'ChargeCard');
    await h.advance(WINDOW);
    await h.advance(1_000);
    expect(await h.saga()).toMatchObject({ status: 'compensating', failure: { step: 'pay', code: 'ERR_MESSAGE_TOO_LARGE' } });
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    await h.reply('ChargeRefunded', { outcome: 'nothing-to-compensate' });
    expect(h.lastCommand().envelope.type).toBe('ReleaseStock');
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect((await h.saga()).status).toBe('compensated');
  });

  it('sends only the compensation after a broker outage, never the attempts it superseded', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    h.publisher.failing = true;
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    const saga = await h.saga();
    expect(saga.status).toBe('compensating');
    expect(saga.outbox.map((e) => e.envelope.type)).toEqual(['RefundCharge']);
    h.publisher.failing = false;
    await h.advance(6_000);
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ChargeCard', 'RefundCharge']);
  });

  it('parks with command-unpublishable when a compensation cannot be published, and is neither woken nor re-sent while parked', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    h.publisher.refuse((e) => e.envelope.type === 'RefundCharge');
    await h.reply('ChargeDeclined', refusal);
    await h.reply('StockReleased', { outcome: 'compensated' }).catch(() => undefined);
    // pay was refused (nothing to refund) → reserve is released; now make the release unpublishable instead
    const h2 = checkoutHarness();
    await h2.start('checkout', exampleCheckout);
    h2.publisher.refuse((e) => e.envelope.type === 'ReleaseStock');
    await h2.reply('StockReserved', { reservationId: 'r-1', items });
    await h2.reply('ChargeDeclined', refusal);
    const parked = await h2.saga();
    expect(parked).toMatchObject({ status: 'parked', wakeAt: null, outbox: [], parked: { reason: 'command-unpublishable', step: 'reserve', phase: 'compensation', lastError: { code: 'ERR_MESSAGE_TOO_LARGE' } } });
    expect(await h2.store.findDue('9999-01-01T00:00:00.000Z', 10)).toEqual([]);
    expect(await h2.store.findPendingOutbox('9999-01-01T00:00:00.000Z', 10)).toEqual([]);
    h2.publisher.clearRefusals();
    await h2.act({ action: 'resume-compensation', reason: 'message size limit raised', operator: 'ops' });
    await h2.reply('StockReleased', { outcome: 'compensated' });
    expect((await h2.saga()).status).toBe('compensated');
  });
});

describe('3. a new definition does not touch the sagas in flight', () => {
  const v2 = checkoutSaga({ version: 2, steps: [reserveStep, { ...reserveStep, name: 'hold-stock' }, payStep, confirmStep, notifyStep] });
  const reordered = checkoutSaga({ version: 3, steps: [payStep, reserveStep, confirmStep, notifyStep] });

  it('runs a v1 saga to its end as v1 while v2 (one more step) is deployed beside it, and starts new sagas as v2', async () => {
    const h = checkoutHarness([checkoutSaga()]);
    const old = await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    const waitingForPayment = h.lastCommand();
    h.redeploy([checkoutSaga(), v2]);
    await h.reply('CardCharged', paid, waitingForPayment);
    await h.reply('ParcelBooked', shipped);
    await h.reply('ReceiptSent', { receiptId: 'n-1' });
    expect(await h.saga(old)).toMatchObject({ status: 'completed', definitionVersion: 1 });
    expect(Object.keys((await h.saga(old)).steps)).toEqual(['reserve', 'pay', 'confirm', 'notify']);
    const fresh = await h.start('checkout', { ...exampleCheckout, orderId: 'order-2' });
    expect(await h.saga(fresh)).toMatchObject({ definitionVersion: 2 });
    expect(Object.keys((await h.saga(fresh)).steps)).toEqual(['reserve', 'hold-stock', 'pay', 'confirm', 'notify']);
  });

  it('applies replies to the right step by name when the newest version reorders the steps', async () => {
    const h = checkoutHarness([checkoutSaga(), reordered]);
    const old = await h.start('checkout', exampleCheckout, 'saga-old', 1);
    expect(h.lastCommand().envelope.type).toBe('ReserveStock');
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    expect(h.lastCommand().envelope.type).toBe('ChargeCard');
    await h.reply('ChargeDeclined', refusal);
    expect(h.lastCommand().envelope.type).toBe('ReleaseStock');
    expect(statuses(await h.saga(old))).toEqual(['compensating', 'failed', 'pending', 'pending']);
    const fresh = await h.start('checkout', exampleCheckout, 'saga-new');
    expect(await h.saga(fresh)).toMatchObject({ definitionVersion: 3 });
    expect(h.lastCommand().envelope.type).toBe('ChargeCard');
  });

  it('refuses to start while sagas run on a version it does not deploy, unless told to, and says which', async () => {
    const store = new MemorySagaStore();
    const h = checkoutHarness([checkoutSaga()]);
    await h.start('checkout', exampleCheckout);
    await store.insert(await h.saga());
    await expect(checkDeployedDefinitions(store, sagaRegistry([v2]), false)).rejects.toThrow('checkout@1 (1 saga)');
    expect(await checkDeployedDefinitions(store, sagaRegistry([v2]), true)).toEqual([{ sagaType: 'checkout', definitionVersion: 1, count: 1 }]);
    expect(await checkDeployedDefinitions(store, sagaRegistry([checkoutSaga(), v2]), false)).toEqual([]);
  });
});

describe('4. a builder that throws on a retry goes through the one failure path', () => {
  /** A payment builder that works once and throws from then on (e.g. it reads data that changed). */
  function brokenOnRetry() {
    let calls = 0;
    return checkoutSaga({
      steps: [
        reserveStep,
        { ...payStep, action: { command: 'ChargeCard', build: ({ input }) => {
          calls += 1;
          if (calls > 1) throw new TypeError('customer has no account');
          return { orderId: input.orderId, customerId: input.customerId, amount: input.amount };
        } } },
        confirmStep,
        notifyStep,
      ],
    });
  }

  it('compensates, the payment too (its first attempt may have run), when the builder throws on a retry', async () => {
    const h = checkoutHarness([brokenOnRetry()]);
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', transient());
    await h.advance(1_000);
    expect(await h.saga()).toMatchObject({ status: 'compensating', failure: { step: 'pay', code: 'ERR_INVALID_COMMAND_PAYLOAD' } });
    expect((await h.saga()).failure!.reason).toContain('customer has no account');
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
    await h.reply('ChargeRefunded', { outcome: 'nothing-to-compensate' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated' });
  });

  it('parks again, with the builder\'s error, when it throws on an operator retry of a parked pivot — never "failed" with work left undone', async () => {
    let calls = 0;
    const saga = checkoutSaga({
      steps: [reserveStep, payStep, { ...confirmStep, action: { command: 'BookParcel', build: ({ input }) => {
        calls += 1;
        if (calls > 3) throw new RangeError('address index out of range');
        return { orderId: input.orderId, items: input.items, address: input.address };
      } } }, notifyStep],
    });
    const h = checkoutHarness([saga]);
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'pivot-outcome-unknown', step: 'confirm' } });
    await h.act({ action: 'retry-step', reason: 'carrier is back', operator: 'alice' });
    // The pivot's earlier attempts may have run, so its outcome is still unknown: the saga parks again, with the builder's error.
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'pivot-outcome-unknown', lastError: { code: 'ERR_INVALID_COMMAND_PAYLOAD' } } });
    expect(await h.saga()).toMatchObject({ wakeAt: null, outbox: [] });
    expect(h.commandTypes().filter((t) => t === 'BookParcel')).toHaveLength(3);
  });
});

describe('5. a saga whose definition is no longer deployed parks instead of hanging', () => {
  it('parks as definition-missing at its next wake-up, and is not woken again', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    h.redeploy([]);
    await h.advance(WINDOW);
    const saga = await h.saga();
    expect(saga).toMatchObject({ status: 'parked', wakeAt: null, parked: { reason: 'definition-missing', step: 'reserve', phase: 'action' } });
    expect(await h.store.findDue('9999-01-01T00:00:00.000Z', 10)).toEqual([]);
    expect(await h.act({ action: 'retry-step', reason: 'x', operator: 'alice' })).toMatchObject({ kind: 'not-allowed', reason: expect.stringContaining('checkout@1 is not deployed') });
    h.redeploy([checkoutSaga()]);
    await h.act({ action: 'retry-step', reason: 'v1 deployed again', operator: 'alice' });
    expect((await h.saga()).status).toBe('running');
  });

  it('parks at the next reply too, recording why', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    h.redeploy([]);
    expect(await h.reply('StockReserved', { reservationId: 'r-1', items })).toMatchObject({ kind: 'applied', status: 'parked' });
    expect((await h.saga()).parked!.detail).toBe('definition checkout@1 is not deployed');
  });
});

describe('6. a long-lived saga stays small', () => {
  it('keeps its document bounded through 150 park → retry → refused cycles, and still shows the whole timeline', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    await h.reply('ParcelBooked', shipped);
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 150; cycle += 1) {
      await h.reply('ReceiptFailed', { code: 'RECIPIENT_SUPPRESSED', reason: 'suppressed', retryable: false });
      expect((await h.saga()).status).toBe('parked');
      await h.act({ action: 'retry-step', reason: `try ${cycle}`, operator: 'alice' });
      sizes.push(JSON.stringify(await h.saga()).length);
    }
    const saga = await h.saga();
    expect(saga.history.length).toBeLessThanOrEqual(32);
    expect(saga.steps['notify']!.action!.commandIds).toHaveLength(RECENT_ATTEMPTS);
    expect(saga.recentActionIds).toHaveLength(RECENT_ACTIONS);
    expect(sizes.at(-1)!).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 20)) + 200);
    const timeline = await h.timeline();
    expect(timeline).toHaveLength(saga.historyCount);
    expect(timeline.map((e) => e.seq)).toEqual([...timeline.keys()]);
    expect(timeline.filter((e) => e.event === 'operator-action')).toHaveLength(150);
  });

  it('parks as too-large, well before the database limit, when a reply would outgrow the size guard; mark-resolved still works', async () => {
    const h = checkoutHarness([checkoutSaga()], { maxDocumentBytes: 20_000 });
    await h.start('checkout', exampleCheckout);
    expect(await h.reply('StockReserved', { reservationId: 'x'.repeat(30_000), items })).toMatchObject({ kind: 'applied', status: 'parked' });
    const saga = await h.saga();
    expect(saga.parked).toMatchObject({ reason: 'too-large', step: 'reserve', phase: 'action' });
    expect(JSON.stringify(saga).length).toBeLessThan(20_000);
    await h.act({ action: 'mark-resolved', reason: 'reservation done by hand', operator: 'alice' });
    expect((await h.saga()).status).toBe('resolved');
  });
});

describe('7. programmer errors are not retried like outages', () => {
  it('parks the saga at once with the error when deciding throws a TypeError, instead of failing its message for minutes', async () => {
    const h = checkoutHarness();
    const sagaId = await h.start('checkout', exampleCheckout);
    // A corrupt document: the attempt list is not a list any more.
    const stored = await h.saga();
    const corrupt = { ...stored, steps: { ...stored.steps, reserve: { ...stored.steps['reserve']!, action: { ...stored.steps['reserve']!.action!, commandIds: 42 as never } } } };
    await h.store.save(corrupt, stored);
    h.engine.forget();
    const result = await h.reply('StockReserved', { reservationId: 'r-1', items });
    expect(result).toMatchObject({ kind: 'applied', status: 'parked' });
    expect((await h.saga(sagaId)).parked).toMatchObject({ reason: 'engine-error', step: 'reserve', lastError: { code: 'ERR_UNEXPECTED', reason: expect.stringContaining('TypeError') } });
  });
});

describe('8. an abandoned attempt cannot take effect later', () => {
  it('sends every attempt with the time after which its participant must refuse it, and counts an expiry as not run', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    const first = h.lastCommand();
    expect(first.envelope.expiresAt).toBe('2026-11-21T10:00:05.000Z');
    await h.expire(first);
    const saga = await h.saga();
    expect(saga.steps['reserve']!.action).toMatchObject({ lastError: { code: 'COMMAND_EXPIRED' }, budget: { used: 0 } });
    expect(saga.steps['reserve']!.mayHaveRun).toBeUndefined();
    // Backs off longer for a participant too busy to start in time: 4 × 1 s.
    expect(saga.steps['reserve']!.action!.retryAt).toBe('2026-11-21T10:00:04.000Z');
  });

  it('force-compensates a pivot parked while its participant was down, and ignores the expiries that come back', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    const attempts = [];
    attempts.push(h.lastCommand());
    for (const ms of [WINDOW, 1_000]) await h.advance(ms);
    attempts.push(h.lastCommand());
    for (const ms of [WINDOW, 2_000]) await h.advance(ms);
    attempts.push(h.lastCommand());
    await h.advance(WINDOW);
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason: 'pivot-outcome-unknown', step: 'confirm' } });
    // Every attempt's window has closed: none of them can start any more, so compensating is safe.
    expect(await h.act({ action: 'force-compensation', reason: 'carrier was down; nothing booked', operator: 'alice' })).toMatchObject({ kind: 'accepted' });
    await h.reply('ChargeRefunded', { outcome: 'compensated' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect((await h.saga()).status).toBe('compensated');
    for (const attempt of attempts) expect(await h.expire(attempt)).toMatchObject({ kind: 'recorded' });
    expect((await h.saga()).status).toBe('compensated');
  });
});

describe('9. the park reason shows the participant\'s real error', () => {
  it('parks with the code and message a participant sent when its compensation failed with a defect', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    await h.reply('ParcelRefused', { code: 'DESTINATION_NOT_SERVED', reason: 'country AQ is not served', retryable: false });
    const defect = { code: 'ERR_HANDLER_FAILED', reason: "billing failed on RefundCharge: TypeError: Cannot read properties of undefined (reading 'cents')", retryable: false, kind: 'error' as const };
    await h.reply('RefundFailed', defect);
    expect(await h.saga()).toMatchObject({
      status: 'parked',
      parked: { reason: 'compensation-failed', step: 'pay', phase: 'compensation', lastError: { code: 'ERR_HANDLER_FAILED', reason: defect.reason } },
    });
    expect((await h.saga()).parked!.detail).toContain("reading 'cents'");
  });

  it('compensates an action that failed with a defect, that action too: it may have written before it failed', async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', { code: 'ERR_INCONSISTENT_DATA', reason: 'account document has no balance', retryable: false, kind: 'error' });
    expect(await h.saga()).toMatchObject({ status: 'compensating', failure: { step: 'pay', code: 'ERR_INCONSISTENT_DATA' } });
    expect(h.lastCommand().envelope.type).toBe('RefundCharge');
  });
});
