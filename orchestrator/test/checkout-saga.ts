import type { ParticipantOf } from '@saga/contracts';
import type { AnySagaDefinition, EngineLimits, SagaDefinition, SagaDefinitionSpec, StepDefinition } from '../src/index.ts';
import { defineSaga } from '../src/index.ts';
import { createSagaTestHarness, type SagaTestHarness } from '../src/testing/saga-test-harness.ts';
import { CheckoutInput, checkout, exampleCheckout, type CardCharged, type Checkout } from './checkout-system.ts';

/**
 * A small saga with every kind of step, for the failure-path specs: reserve (compensatable) →
 * pay (compensatable) → confirm (pivot) → notify (retriable). Short, jitter-free policies so that a
 * test reads in whole seconds.
 */
export const retry = { maxAttempts: 3, initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, jitter: 0, maxElapsedMs: 600_000 };
export const policy = { timeoutMs: 10_000, startWithinMs: 5_000, retry };
/** An attempt times out when it has neither started by its expiresAt (5 s) nor answered within 10 s more. */
export const WINDOW = 15_000;

/** A step of a checkout saga; narrowed to one participant, its commands are the only ones it may name. */
export type CheckoutStep<P extends ParticipantOf<Checkout> = ParticipantOf<Checkout>> = Extract<StepDefinition<Checkout, CheckoutInput>, { participant: P }>;

export const reserveStep: CheckoutStep<'stock'> = {
  name: 'reserve', participant: 'stock', kind: 'compensatable',
  action: { command: 'ReserveStock', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) },
  compensation: { command: 'ReleaseStock', build: ({ input }) => ({ orderId: input.orderId }) },
};
export const payStep: CheckoutStep<'billing'> = {
  name: 'pay', participant: 'billing', kind: 'compensatable',
  action: { command: 'ChargeCard', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }) },
  compensation: { command: 'RefundCharge', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId }) },
};
export const confirmStep: CheckoutStep<'carrier'> = {
  name: 'confirm', participant: 'carrier', kind: 'pivot',
  action: { command: 'BookParcel', build: ({ input }) => ({ orderId: input.orderId, items: input.items, address: input.address }) },
};
export const notifyStep: CheckoutStep<'mailer'> = {
  name: 'notify', participant: 'mailer', kind: 'retriable',
  action: { command: 'SendReceipt', build: ({ input }) => ({ orderId: input.orderId, email: input.email, trackingNumber: 'TRK-1' }) },
};

export type CheckoutSaga = SagaDefinition<Checkout, CheckoutInput>;

export function checkoutSaga(overrides: Partial<SagaDefinitionSpec<Checkout, CheckoutInput>> = {}): CheckoutSaga {
  return defineSaga(checkout, {
    name: 'checkout',
    version: 1,
    description: 'test saga with every kind of step',
    input: CheckoutInput,
    defaults: { policy, compensationPolicy: { ...policy, retry: { ...retry, maxAttempts: 2 } } },
    steps: [reserveStep, payStep, confirmStep, notifyStep],
    ...overrides,
  });
}

/** A refund builder that needs the payment's result: it throws when the payment timed out and has none. */
export const refundFromResult: NonNullable<CheckoutStep<'billing'>['compensation']> = {
  command: 'RefundCharge',
  build: ({ input, results }) => ({ orderId: (results['pay'] as CardCharged).chargeId.replace('chg-', ''), customerId: input.customerId }),
};

export const items = exampleCheckout.items;
export const transient = (code = 'DB_DOWN') => ({ code, reason: 'database did not answer', retryable: true });
export const refusal = { code: 'LIMIT_EXCEEDED', reason: 'over the limit', retryable: false };
export const paid = { chargeId: 'chg-1', amount: exampleCheckout.amount };
export const shipped = { parcelId: 'prc-1', trackingNumber: 'TRK-1' };

export function checkoutHarness(definitions: readonly AnySagaDefinition[] = [checkoutSaga()], limits?: Partial<EngineLimits>): SagaTestHarness<Checkout> {
  return createSagaTestHarness({ system: checkout, definitions, startAt: new Date('2026-11-21T10:00:00.000Z'), ...(limits ? { limits } : {}) });
}

/** Steps' statuses in the saga's order. */
export const statuses = (saga: { steps: Record<string, { status: string }> }) => Object.values(saga.steps).map((s) => s.status);
