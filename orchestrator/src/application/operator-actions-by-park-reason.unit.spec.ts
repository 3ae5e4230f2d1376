import { describe, expect, it } from 'vitest';
import type { OperatorActionName } from '@saga/contracts';
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
  transient,
} from '../../test/checkout-saga.ts';
import type { ParkReason, SagaStatus } from '../domain/saga-state.ts';
import type { SagaTestHarness } from '../testing/saga-test-harness.ts';

/**
 * Every operator action against a saga parked for every reason: what is allowed, and what it does.
 * Each parked saga is made the way production makes it, through the harness; each action then
 * either resumes the phase the saga parked in (and the saga moves on) or is refused with a reason.
 */
type Parked = { h: SagaTestHarness; step: string; phase: 'action' | 'compensation' };

const parkers: Record<ParkReason, () => Promise<Parked>> = {
  'compensation-exhausted': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', refusal);
    await h.reply('StockReleaseFailed', transient());
    await h.advance(1_000);
    await h.reply('StockReleaseFailed', transient('LOCKED'));
    return { h, step: 'reserve', phase: 'compensation' };
  },
  'compensation-failed': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', refusal);
    await h.reply('StockReleaseFailed', { code: 'ERR_HANDLER_FAILED', reason: 'stock failed on ReleaseStock: TypeError', retryable: false, kind: 'error' });
    return { h, step: 'reserve', phase: 'compensation' };
  },
  'compensation-unbuildable': async () => {
    const h = checkoutHarness([checkoutSaga({ steps: [reserveStep, { ...payStep, compensation: refundFromResult }, confirmStep, notifyStep] })]);
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    h.redeploy([checkoutSaga()]);
    return { h, step: 'pay', phase: 'compensation' };
  },
  'command-unpublishable': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    h.publisher.refuse((e) => e.envelope.type === 'ReleaseStock');
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('ChargeDeclined', refusal);
    h.publisher.clearRefusals();
    return { h, step: 'reserve', phase: 'compensation' };
  },
  'pivot-outcome-unknown': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    for (const ms of [WINDOW, 1_000, WINDOW, 2_000, WINDOW]) await h.advance(ms);
    return { h, step: 'confirm', phase: 'action' };
  },
  'forward-step-failed': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    await h.reply('CardCharged', paid);
    await h.reply('ParcelBooked', shipped);
    await h.reply('ReceiptFailed', { code: 'RECIPIENT_SUPPRESSED', reason: 'suppressed', retryable: false });
    return { h, step: 'notify', phase: 'action' };
  },
  'definition-missing': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    h.redeploy([]);
    await h.advance(WINDOW);
    return { h, step: 'pay', phase: 'action' };
  },
  'too-large': async () => {
    const h = checkoutHarness([checkoutSaga()], { maxDocumentBytes: 20_000 });
    await h.start('checkout', exampleCheckout);
    await h.reply('StockReserved', { reservationId: 'x'.repeat(30_000), items });
    return { h, step: 'reserve', phase: 'action' };
  },
  'engine-error': async () => {
    const h = checkoutHarness();
    await h.start('checkout', exampleCheckout);
    const stored = await h.saga();
    await h.store.save({ ...stored, steps: { ...stored.steps, reserve: { ...stored.steps['reserve']!, action: { ...stored.steps['reserve']!.action!, lastReplyId: 42 as never, commandIds: 7 as never } } } }, stored);
    h.engine.forget();
    await h.reply('StockReserved', { reservationId: 'r-1', items });
    // The operator repairs the document by hand before acting.
    const parked = await h.saga();
    await h.store.save({ ...parked, steps: { ...parked.steps, reserve: { ...parked.steps['reserve']!, action: stored.steps['reserve']!.action! } } }, parked);
    return { h, step: 'reserve', phase: 'action' };
  },
};

/** What each action leads to, per park reason: the status the saga moves to, or the refusal. */
type Expected = { status: SagaStatus; sent?: string } | { refused: RegExp };
const resumeCompensation = { status: 'compensating' as const };
const matrix: Record<ParkReason, Record<OperatorActionName, Expected>> = {
  'compensation-exhausted': { 'retry-step': { status: 'compensating', sent: 'ReleaseStock' }, 'resume-compensation': { status: 'compensating', sent: 'ReleaseStock' }, 'skip-step': { status: 'compensated' }, 'force-compensation': { refused: /already compensating/ }, 'mark-resolved': { status: 'resolved' } },
  'compensation-failed': { 'retry-step': { status: 'compensating', sent: 'ReleaseStock' }, 'resume-compensation': { status: 'compensating', sent: 'ReleaseStock' }, 'skip-step': { status: 'compensated' }, 'force-compensation': { refused: /already compensating/ }, 'mark-resolved': { status: 'resolved' } },
  'compensation-unbuildable': { 'retry-step': { status: 'compensating', sent: 'RefundCharge' }, 'resume-compensation': { status: 'compensating', sent: 'RefundCharge' }, 'skip-step': { ...resumeCompensation, sent: 'ReleaseStock' }, 'force-compensation': { refused: /already compensating/ }, 'mark-resolved': { status: 'resolved' } },
  'command-unpublishable': { 'retry-step': { status: 'compensating', sent: 'ReleaseStock' }, 'resume-compensation': { status: 'compensating', sent: 'ReleaseStock' }, 'skip-step': { status: 'compensated' }, 'force-compensation': { refused: /already compensating/ }, 'mark-resolved': { status: 'resolved' } },
  'pivot-outcome-unknown': { 'retry-step': { status: 'running', sent: 'BookParcel' }, 'resume-compensation': { refused: /not parked in compensation/ }, 'skip-step': { status: 'running', sent: 'SendReceipt' }, 'force-compensation': { status: 'compensating', sent: 'RefundCharge' }, 'mark-resolved': { status: 'resolved' } },
  'forward-step-failed': { 'retry-step': { status: 'running', sent: 'SendReceipt' }, 'resume-compensation': { refused: /not parked in compensation/ }, 'skip-step': { status: 'completed' }, 'force-compensation': { refused: /can only go forward/ }, 'mark-resolved': { status: 'resolved' } },
  'definition-missing': { 'retry-step': { refused: /checkout@1 is not deployed/ }, 'resume-compensation': { refused: /checkout@1 is not deployed/ }, 'skip-step': { refused: /checkout@1 is not deployed/ }, 'force-compensation': { refused: /checkout@1 is not deployed/ }, 'mark-resolved': { status: 'resolved' } },
  'too-large': { 'retry-step': { status: 'running', sent: 'ReserveStock' }, 'resume-compensation': { refused: /not parked in compensation/ }, 'skip-step': { status: 'running', sent: 'ChargeCard' }, 'force-compensation': { status: 'compensating', sent: 'ReleaseStock' }, 'mark-resolved': { status: 'resolved' } },
  'engine-error': { 'retry-step': { status: 'running', sent: 'ReserveStock' }, 'resume-compensation': { refused: /not parked in compensation/ }, 'skip-step': { status: 'running', sent: 'ChargeCard' }, 'force-compensation': { status: 'compensating', sent: 'ReleaseStock' }, 'mark-resolved': { status: 'resolved' } },
};

const cases = Object.entries(matrix).flatMap(([reason, actions]) =>
  Object.entries(actions).map(([action, expected]) => [reason as ParkReason, action as OperatorActionName, expected] as const),
);

describe('every operator action against a saga parked for every reason', () => {
  it.each(cases)('parked as %s, %s', async (reason, action, expected) => {
    const { h, step, phase } = await parkers[reason]();
    expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason, step, phase } });
    const sentBefore = h.publisher.sent.length;
    const result = await h.act({ action, reason: 'operator decision', operator: 'alice', ...(action === 'skip-step' ? { step } : {}) });
    if ('refused' in expected) {
      expect(result).toMatchObject({ kind: 'not-allowed', reason: expect.stringMatching(expected.refused) });
      expect(await h.saga()).toMatchObject({ status: 'parked', parked: { reason } });
      return;
    }
    expect(result).toMatchObject({ kind: 'accepted' });
    const saga = await h.saga();
    expect(saga.status).toBe(expected.status);
    expect(saga.parked).toBeUndefined();
    expect(saga.history.findLast((e) => e.event === 'operator-action')).toMatchObject({ actor: 'alice', detail: `${action}: operator decision` });
    if (expected.sent) expect(h.publisher.sent.slice(sentBefore).map((c) => c.envelope.type)).toEqual([expected.sent]);
  });
});
