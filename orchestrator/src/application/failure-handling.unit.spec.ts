import { describe, expect, it } from 'vitest';
import { CheckoutInput, checkout as system, exampleCheckout } from '../../test/checkout-system.ts';
import type { AnySagaDefinition } from '../domain/definition.ts';
import { defineSaga } from '../domain/validate-definition.ts';
import { createSagaTestHarness } from '../testing/saga-test-harness.ts';

const items = exampleCheckout.items;
const transient = (code = 'DB_DOWN') => ({ code, reason: 'database did not answer', retryable: true });
const business = { code: 'LIMIT_EXCEEDED', reason: 'over the limit', retryable: false };

/** Short, jitter-free policies so that a test reads in whole seconds. */
const policy = { timeoutMs: 10_000, startWithinMs: 5_000, retry: { maxAttempts: 3, initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, jitter: 0, maxElapsedMs: 600_000 } };

/** reserve (compensatable) → pay (pivot) → notify (retriable): every kind of step. */
const checkout = defineSaga(system, {
  name: 'checkout',
  version: 1,
  description: 'test saga with a pivot and a forward-only step',
  input: CheckoutInput,
  deadlineMs: 120_000,
  defaults: { policy, compensationPolicy: { ...policy, retry: { ...policy.retry, maxAttempts: 2 } } },
  steps: [
    {
      name: 'reserve', participant: 'stock', kind: 'compensatable',
      action: { command: 'ReserveStock', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) },
      compensation: { command: 'ReleaseStock', build: ({ input }) => ({ orderId: input.orderId }) },
    },
    {
      name: 'pay', participant: 'billing', kind: 'pivot',
      action: { command: 'ChargeCard', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }) },
    },
    {
      name: 'notify', participant: 'mailer', kind: 'retriable',
      action: { command: 'SendReceipt', build: ({ input }) => ({ orderId: input.orderId, email: input.email, trackingNumber: 'TRK-1' }) },
    },
  ],
});

/** An attempt times out when it has neither started by its expiresAt (5 s) nor answered within 10 s more. */
const WINDOW = 15_000;

function given() {
  return createSagaTestHarness({ system, definitions: [checkout], startAt: new Date('2026-11-21T10:00:00.000Z') });
}

const step = async (h: ReturnType<typeof given>, name: 'reserve' | 'pay' | 'notify') => (await h.saga()).steps[name]!;
const statuses = (saga: { steps: Record<string, { status: string }> }) => Object.values(saga.steps).map((s) => s.status);
const attempts = (saga: { steps: Record<string, { status: string; action?: { attempt: number } }> }) => Object.values(saga.steps).map((s) => [s.status, s.action?.attempt ?? 0]);

async function reserved(h: ReturnType<typeof given>) {
  await h.start('checkout', exampleCheckout);
  await h.reply('StockReserved', { reservationId: 'r-1', items });
}

describe('retries', () => {
  it('retries a transient failure with exponential backoff, each attempt a new message, and goes on when one succeeds', async () => {
    const h = given();
    await reserved(h);
    await h.reply('ChargeDeclined', transient());
    expect(await step(h, 'pay')).toMatchObject({ status: 'running', action: { retryAt: '2026-11-21T10:00:01.000Z', lastError: { code: 'DB_DOWN' } } });
    await h.advance(999);
    expect(h.commandTypes().filter((t) => t === 'ChargeCard')).toHaveLength(1);
    await h.advance(1);
    await h.reply('ChargeDeclined', transient());
    expect((await step(h, 'pay')).action!.retryAt).toBe('2026-11-21T10:00:03.000Z'); // 1 s, then 2 s
    await h.advance(2_000);
    const sent = h.publisher.sent.filter((c) => c.envelope.type === 'ChargeCard').map((c) => c.envelope.messageId);
    expect(new Set(sent).size).toBe(3);
    await h.reply('CardCharged', { chargeId: 'p-1', amount: exampleCheckout.amount });
    const saga = await h.saga();
    expect(saga.status).toBe('running');
    expect(attempts(saga)).toEqual([['succeeded', 1], ['succeeded', 3], ['running', 1]]);
  });

  it('spends each step its own budget: a retried step leaves the next one a full budget', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReservationFailed', transient());
    await h.advance(1_000);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    const saga = await h.saga();
    expect(saga.steps['reserve']!.action).toMatchObject({ attempt: 2, budget: { used: 2 } });
    expect(saga.steps['pay']!.action).toMatchObject({ attempt: 1, budget: { used: 1 } });
  });

  it('compensates when a compensatable step is out of retries, naming the last error', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    for (const wait of [1_000, 2_000]) {
      await h.reply('StockReservationFailed', transient());
      await h.advance(wait);
    }
    await h.reply('StockReservationFailed', transient('STILL_DOWN'));
    // A transient failure may hide a write that committed: the step is compensated too (a no-op if not).
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ReserveStock', 'ReserveStock', 'ReleaseStock']);
    await h.reply('StockReleased', { outcome: 'nothing-to-compensate' });
    const saga = await h.saga();
    expect(saga).toMatchObject({ status: 'compensated', failure: { step: 'reserve', code: 'RETRIES_EXHAUSTED' } });
    expect(saga.failure!.reason).toContain('STILL_DOWN');
  });

  it('stops retrying when the total time cap would be passed, even with attempts left', async () => {
    const capped = { ...checkout, name: 'capped', steps: checkout.steps.map((s, i) => (i === 0 ? { ...s, policy: { retry: { maxAttempts: 10, maxElapsedMs: 1_500 } } } : s)) };
    const h = createSagaTestHarness({ system, definitions: [capped as AnySagaDefinition] });
    await h.start('capped', exampleCheckout);
    await h.reply('StockReservationFailed', transient());
    await h.advance(1_000);
    await h.reply('StockReservationFailed', transient()); // the next delay (2 s) ends past 1.5 s
    expect(await h.saga()).toMatchObject({ status: 'compensating', failure: { code: 'RETRIES_EXHAUSTED' } });
    expect(h.lastCommand().envelope.type).toBe('ReleaseStock');
  });

  it('does not retry a business refusal', async () => {
    const h = given();
    await reserved(h);
    await h.reply('ChargeDeclined', business);
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ChargeCard', 'ReleaseStock']);
  });

  it('keeps its timers in the saga document, so a new engine over the same store fires them', async () => {
    const h = given();
    await reserved(h);
    await h.reply('ChargeDeclined', transient());
    const stored = await h.saga();
    expect(stored.wakeAt).toBe('2026-11-21T10:00:01.000Z');
    const restarted = createSagaTestHarness({ system, definitions: [checkout as AnySagaDefinition], startAt: new Date('2026-11-21T10:00:05.000Z') });
    await restarted.store.insert(stored);
    await restarted.advance(0);
    expect(restarted.commandTypes()).toEqual(['ChargeCard']);
  });
});

describe('timeouts', () => {
  it('retries a step that does not answer, then compensates it too, since it may have run', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    await h.advance(WINDOW); // timeout → retry in 1 s
    await h.advance(1_000);
    await h.advance(WINDOW); // timeout → retry in 2 s
    await h.advance(2_000);
    await h.advance(WINDOW); // third timeout: out of attempts
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ReserveStock', 'ReserveStock', 'ReleaseStock']);
    const saga = await h.saga();
    expect(saga.status).toBe('compensating');
    expect(saga.steps['reserve']).toMatchObject({ status: 'compensating', mayHaveRun: true });
    await h.reply('StockReleased', { outcome: 'nothing-to-compensate' });
    expect((await h.saga()).status).toBe('compensated');
  });

  it('records and ignores a late reply to a step that timed out and is being compensated', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    const first = h.lastCommand();
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    const before = await h.saga();
    const late = await h.reply('StockReserved', { reservationId: 'r-1', items }, first);
    expect(late).toMatchObject({ kind: 'recorded', reason: 'step reserve is compensating, not running' });
    const after = await h.saga();
    expect(after.steps).toEqual(before.steps);
    expect(after.history.at(-1)).toMatchObject({ event: 'reply-ignored', step: 'reserve' });
  });

  it('accepts a late success of an earlier attempt while the step is still running', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    const first = h.lastCommand();
    await h.advance(WINDOW);
    await h.advance(1_000); // second attempt sent
    await h.reply('StockReserved', { reservationId: 'r-1', items }, first);
    expect((await step(h, 'reserve')).status).toBe('succeeded');
  });

  it('parks the saga when the pivot times out for good: its outcome is unknown', async () => {
    const h = given();
    await reserved(h);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { step: 'pay', phase: 'action', lastError: { code: 'TIMEOUT' } }, wakeAt: null });
  });

  it('compensates when the saga deadline passes before the pivot', async () => {
    const slow = { ...checkout, name: 'slow', defaults: { policy: { ...policy, timeoutMs: 200_000 } } };
    const h = createSagaTestHarness({ system, definitions: [slow as AnySagaDefinition], startAt: new Date('2026-11-21T10:00:00.000Z') });
    await h.start('slow', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    expect((await h.saga()).wakeAt).toBe('2026-11-21T10:02:00.000Z');
    await h.advance(120_000);
    const saga = await h.saga();
    expect(saga.history.map((e) => e.event)).toContain('deadline-passed');
    // The pivot was in flight when the deadline passed: its outcome is unknown, so an operator decides.
    expect(saga).toMatchObject({ status: 'parked', parked: { step: 'pay' } });
  });

  it('abandons and compensates a compensatable step in flight when the deadline passes', async () => {
    const slow = { ...checkout, name: 'slow', defaults: { policy: { ...policy, timeoutMs: 200_000 } } };
    const h = createSagaTestHarness({ system, definitions: [slow as AnySagaDefinition], startAt: new Date('2026-11-21T10:00:00.000Z') });
    await h.start('slow', exampleCheckout);
    await h.advance(120_000);
    expect(h.commandTypes()).toEqual(['ReserveStock', 'ReleaseStock']);
    expect(await h.saga()).toMatchObject({ status: 'compensating', failure: { code: 'DEADLINE_EXCEEDED' } });
  });
});

describe('parking and operator actions', () => {
  async function parkedInCompensation() {
    const h = given();
    await reserved(h);
    await h.reply('ChargeDeclined', business);
    await h.reply('StockReleaseFailed', transient());
    await h.advance(1_000);
    await h.reply('StockReleaseFailed', transient('LOCKED'));
    return h;
  }

  it('parks a saga whose compensation keeps failing, naming the reason, the step and the last error', async () => {
    const h = await parkedInCompensation();
    expect(await h.saga()).toMatchObject({
      status: 'parked',
      wakeAt: null,
      parked: { step: 'reserve', phase: 'compensation', lastError: { code: 'LOCKED' } },
    });
    expect(h.commandTypes().filter((t) => t === 'ReleaseStock')).toHaveLength(2);
  });

  it('resumes compensation with a fresh budget, recording who and why', async () => {
    const h = await parkedInCompensation();
    expect(await h.act({ action: 'resume-compensation', reason: 'lock released', operator: 'alice' })).toMatchObject({ kind: 'accepted' });
    let saga = await h.saga();
    expect(saga.status).toBe('compensating');
    expect(saga.steps['reserve']).toMatchObject({ status: 'compensating', compensation: { budget: { used: 1 } } });
    expect(saga.history.find((e) => e.event === 'operator-action')).toMatchObject({ actor: 'alice', detail: 'resume-compensation: lock released' });
    await h.reply('StockReleased', { outcome: 'compensated' });
    saga = await h.saga();
    expect(saga.status).toBe('compensated');
    expect(saga.parked).toBeUndefined();
  });

  it('skips a compensation an operator did by hand, and finishes compensating', async () => {
    const h = await parkedInCompensation();
    await h.act({ action: 'skip-step', step: 'reserve', reason: 'released by hand in the WMS', operator: 'bob' });
    const saga = await h.saga();
    expect(saga.status).toBe('compensated');
    expect(saga.steps['reserve']!.status).toBe('compensation-skipped');
  });

  it('marks a parked saga resolved', async () => {
    const h = await parkedInCompensation();
    await h.act({ action: 'mark-resolved', reason: 'refunded by support', operator: 'carol' });
    expect(await h.saga()).toMatchObject({ status: 'resolved', wakeAt: null });
  });

  it('refuses an action the saga cannot take, and says why', async () => {
    const h = await parkedInCompensation();
    expect(await h.act({ action: 'skip-step', step: 'pay', reason: 'x', operator: 'dave' })).toEqual({ kind: 'not-allowed', reason: 'the saga is parked at reserve, not pay' });
    expect(await h.act({ action: 'force-compensation', reason: 'x', operator: 'dave' })).toMatchObject({ kind: 'not-allowed' });
    expect(await h.act({ action: 'retry-step', reason: 'x', operator: 'dave' }, 'no-such-saga')).toMatchObject({ kind: 'not-found' });
  });

  it('records an action refused because the saga moved on before it arrived', async () => {
    const h = await parkedInCompensation();
    await h.operations.request((await h.saga()).sagaId, { action: 'mark-resolved', reason: 'first', operator: 'erin' });
    await h.operations.request((await h.saga()).sagaId, { action: 'resume-compensation', reason: 'second', operator: 'frank' });
    await h.advance(0);
    const saga = await h.saga();
    expect(saga.status).toBe('resolved');
    expect(saga.history.at(-1)).toMatchObject({ event: 'operator-action-rejected', actor: 'frank', detail: 'resume-compensation: the saga is resolved' });
  });

  it('retries a parked pivot with a fresh budget, and the saga goes on', async () => {
    const h = given();
    await reserved(h);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    await h.act({ action: 'retry-step', reason: 'provider is back', operator: 'alice' });
    await h.reply('CardCharged', { chargeId: 'p-1', amount: exampleCheckout.amount });
    const saga = await h.saga();
    expect(saga.status).toBe('running');
    expect(attempts(saga)).toEqual([['succeeded', 1], ['succeeded', 4], ['running', 1]]);
  });

  it('force-compensates a parked pivot, undoing what came before it', async () => {
    const h = given();
    await reserved(h);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    await h.act({ action: 'force-compensation', reason: 'provider says not charged', operator: 'alice' });
    expect(h.lastCommand().envelope.type).toBe('ReleaseStock');
    await h.reply('StockReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'pay', code: 'FORCED_COMPENSATION' } });
  });

  it('parks a forward-only step that is refused, and skipping it completes the saga', async () => {
    const h = given();
    await reserved(h);
    await h.reply('CardCharged', { chargeId: 'p-1', amount: exampleCheckout.amount });
    await h.reply('ReceiptFailed', { code: 'RECIPIENT_SUPPRESSED', reason: 'suppressed', retryable: false });
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { step: 'notify', phase: 'action' } });
    expect(await h.act({ action: 'force-compensation', reason: 'x', operator: 'alice' })).toEqual({ kind: 'not-allowed', reason: 'the pivot has succeeded: the saga can only go forward' });
    await h.act({ action: 'skip-step', step: 'notify', reason: 'customer told by phone', operator: 'alice' });
    const saga = await h.saga();
    expect(saga.status).toBe('completed');
    expect(statuses(saga)).toEqual(['succeeded', 'succeeded', 'skipped']);
  });

  it('retries every parked saga at once after an outage', async () => {
    const h = given();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(await h.start('checkout', { ...exampleCheckout, orderId: `order-${i}` }));
      await h.reply('StockReservationFailed', business);
    }
    await reserved(h);
    await h.reply('ChargeDeclined', business);
    await h.reply('StockReleaseFailed', transient());
    await h.advance(1_000);
    await h.reply('StockReleaseFailed', transient());
    const parkedId = (await h.saga()).sagaId;
    const result = await h.operations.retryAllParked({ operator: 'ops', reason: 'database back' });
    expect(result.sagaIds).toEqual([parkedId]);
    await h.advance(0);
    expect((await h.saga(parkedId)).status).toBe('compensating');
  });
});

describe('a transient failure may hide an applied effect', () => {
  it('parks a pivot whose every attempt failed transiently: one of them may have gone through', async () => {
    const h = given();
    await reserved(h);
    await h.reply('ChargeDeclined', transient());
    await h.advance(1_000);
    await h.reply('ChargeDeclined', transient());
    await h.advance(2_000);
    await h.reply('ChargeDeclined', transient('GATEWAY_TIMEOUT'));
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { step: 'pay', phase: 'action', lastError: { code: 'GATEWAY_TIMEOUT' } } });
  });
});

describe('late and stray messages never move a saga that has ended or is parked (review findings)', () => {
  it('records, and does not act on, a late reply to a saga an operator resolved', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    const reserve = h.lastCommand();
    await h.act({ action: 'mark-resolved', reason: 'order cancelled by phone', operator: 'alice' });
    expect(await h.reply('StockReserved', { reservationId: 'r-1', items }, reserve)).toMatchObject({ kind: 'recorded', reason: 'the saga is resolved' });
    expect(h.commandTypes()).toEqual(['ReserveStock']);
    const saga = await h.saga();
    expect(saga).toMatchObject({ status: 'resolved', wakeAt: null, outbox: [] });
    expect(saga.steps['reserve']!.action!.timeoutAt).toBeUndefined();
  });

  it('keeps a parked saga parked when the parked step answers late; retry-step gets the outcome and goes on', async () => {
    const h = given();
    await reserved(h);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    const lastPay = h.lastCommand();
    expect(await h.reply('CardCharged', { chargeId: 'p-1', amount: exampleCheckout.amount }, lastPay)).toMatchObject({ kind: 'recorded', reason: 'the saga is parked' });
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { step: 'pay' } });
    await h.act({ action: 'retry-step', reason: 'the provider says it was charged', operator: 'alice' });
    await h.reply('CardCharged', { chargeId: 'p-1', amount: exampleCheckout.amount });
    const saga = await h.saga();
    expect(saga.status).toBe('running');
    expect(statuses(saga)).toEqual(['succeeded', 'succeeded', 'running']);
    expect(saga.wakeAt).not.toBeNull();
  });

  it('lets an operator retry a pivot parked by the deadline without the deadline parking it again', async () => {
    const slow = { ...checkout, name: 'slow', defaults: { policy: { ...policy, timeoutMs: 200_000 } } };
    const h = createSagaTestHarness({ system, definitions: [slow as AnySagaDefinition], startAt: new Date('2026-11-21T10:00:00.000Z') });
    await h.start('slow', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.advance(120_000);
    expect((await h.saga()).status).toBe('parked');
    await h.act({ action: 'retry-step', reason: 'provider is back', operator: 'alice' });
    await h.advance(1_000);
    const saga = await h.saga();
    expect(saga.status).toBe('running');
    expect(saga.deadlineAt).toBeUndefined();
  });

  it('refuses force-compensation while the pivot is in flight: its outcome is not known yet', async () => {
    const h = given();
    await reserved(h);
    expect(await h.act({ action: 'force-compensation', reason: 'customer asked', operator: 'alice' })).toEqual({
      kind: 'not-allowed',
      reason: 'the pivot is in flight until 2026-11-21T10:00:15.000Z: wait for its reply, or for the saga to park',
    });
  });

  it('does not let a late transient failure of a timed-out attempt postpone the retry', async () => {
    const h = given();
    await h.start('checkout', exampleCheckout);
    const first = h.lastCommand();
    await h.advance(WINDOW);
    const before = (await step(h, 'reserve')).action!.retryAt;
    await h.advance(900);
    await h.reply('StockReservationFailed', transient(), first);
    expect((await step(h, 'reserve')).action!.retryAt).toBe(before);
  });
});
