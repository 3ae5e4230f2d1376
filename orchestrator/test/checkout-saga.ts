import { OrderFulfilmentInput, exampleOrder, type PaymentProcessed } from '@saga/contracts';
import type { AnySagaDefinition, EngineLimits, SagaDefinition, StepDefinition } from '../src/index.ts';
import { defineSaga } from '../src/index.ts';
import { createSagaTestHarness, type SagaTestHarness } from '../src/testing/saga-test-harness.ts';

/**
 * A small saga with every kind of step, for the failure-path specs: reserve (compensatable) →
 * pay (compensatable) → confirm (pivot) → notify (retriable). Short, jitter-free policies so that a
 * test reads in whole seconds.
 */
export const retry = { maxAttempts: 3, initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, jitter: 0, maxElapsedMs: 600_000 };
export const policy = { timeoutMs: 10_000, startWithinMs: 5_000, retry };
/** An attempt times out when it has neither started by its expiresAt (5 s) nor answered within 10 s more. */
export const WINDOW = 15_000;

type Steps = StepDefinition<OrderFulfilmentInput>[];
export type CheckoutStep = Steps[number];

export const reserveStep: Steps[number] = {
  name: 'reserve', participant: 'inventory', kind: 'compensatable',
  action: { command: 'ReserveInventory', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) },
  compensation: { command: 'ReleaseInventory', build: ({ input }) => ({ orderId: input.orderId }) },
};
export const payStep: Steps[number] = {
  name: 'pay', participant: 'payment', kind: 'compensatable',
  action: { command: 'ProcessPayment', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }) },
  compensation: { command: 'RefundPayment', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId }) },
};
export const confirmStep: Steps[number] = {
  name: 'confirm', participant: 'shipping', kind: 'pivot',
  action: { command: 'CreateShipment', build: ({ input }) => ({ orderId: input.orderId, items: input.items, address: input.shippingAddress }) },
};
export const notifyStep: Steps[number] = {
  name: 'notify', participant: 'notification', kind: 'retriable',
  action: { command: 'SendConfirmation', build: ({ input }) => ({ orderId: input.orderId, email: input.email, trackingNumber: 'TRK-1' }) },
};

export function checkoutSaga(overrides: Partial<SagaDefinition<OrderFulfilmentInput>> = {}): AnySagaDefinition {
  return defineSaga({
    name: 'checkout',
    version: 1,
    description: 'test saga with every kind of step',
    input: OrderFulfilmentInput,
    defaults: { policy, compensationPolicy: { ...policy, retry: { ...retry, maxAttempts: 2 } } },
    steps: [reserveStep, payStep, confirmStep, notifyStep],
    ...overrides,
  });
}

/** A refund builder that needs the payment's result: it throws when the payment timed out and has none. */
export const refundFromResult: Steps[number]['compensation'] = {
  command: 'RefundPayment',
  build: ({ input, results }) => ({ orderId: (results['pay'] as PaymentProcessed).paymentId.replace('pay-', ''), customerId: input.customerId }),
};

export const items = exampleOrder.items;
export const transient = (code = 'DB_DOWN') => ({ code, reason: 'database did not answer', retryable: true });
export const refusal = { code: 'LIMIT_EXCEEDED', reason: 'over the limit', retryable: false };
export const paid = { paymentId: 'pay-1', amount: exampleOrder.amount };
export const shipped = { shipmentId: 's-1', trackingNumber: 'TRK-1' };

export function checkoutHarness(definitions: readonly AnySagaDefinition[] = [checkoutSaga()], limits?: Partial<EngineLimits>): SagaTestHarness {
  return createSagaTestHarness({ definitions, startAt: new Date('2026-11-21T10:00:00.000Z'), ...(limits ? { limits } : {}) });
}

/** Steps' statuses in the saga's order. */
export const statuses = (saga: { steps: Record<string, { status: string }> }) => Object.values(saga.steps).map((s) => s.status);
