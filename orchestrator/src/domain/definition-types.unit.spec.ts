import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PayloadInputOf } from '@saga/contracts';
import { CheckoutInput, checkout, type Checkout } from '../../test/checkout-system.ts';
import type { CommandSpec, StepContext, StepDefinition } from './definition.ts';
import { defineSaga } from './validate-definition.ts';

/**
 * The open world by types: a saga is typed by its system, so the compiler refuses what
 * defineSaga would refuse at load time. Each `@ts-expect-error` line below must stay an error —
 * tsc fails the build if one compiles — and defineSaga still refuses the same definition when
 * the types are bypassed.
 */
type Step = StepDefinition<Checkout, CheckoutInput>;
const base = { name: 'test-saga', version: 1, description: 'typing', input: CheckoutInput } as const;
const refusedAtLoad = expect.objectContaining({ code: 'ERR_INVALID_DEFINITION' });

describe('a saga definition is typed by its system', () => {
  it('lets a step name only its participant\'s commands', () => {
    expectTypeOf<CommandSpec<Checkout, CheckoutInput, 'stock'>['command']>().toEqualTypeOf<'ReserveStock' | 'ReleaseStock'>();
    expectTypeOf<CommandSpec<Checkout, CheckoutInput, 'mailer'>['command']>().toEqualTypeOf<'SendReceipt'>();
    const ok: Step = { name: 'pay', participant: 'billing', kind: 'pivot', action: { command: 'ChargeCard', build: ({ input }) => ({ orderId: input.orderId, customerId: input.customerId, amount: input.amount }) } };
    expect(defineSaga(checkout, { ...base, steps: [ok] }).steps).toHaveLength(1);
    const wrong = () =>
      // @ts-expect-error ReserveStock is handled by stock, not billing
      defineSaga(checkout, { ...base, steps: [{ name: 'pay', participant: 'billing', kind: 'pivot', action: { command: 'ReserveStock', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) } }] });
    expect(wrong).toThrow(refusedAtLoad);
    const notACommand = () =>
      // @ts-expect-error StockReserved is a reply, not a command
      defineSaga(checkout, { ...base, steps: [{ name: 'reserve', participant: 'stock', kind: 'pivot', action: { command: 'StockReserved', build: () => ({ reservationId: 'r', items: [] }) } }] });
    expect(notACommand).toThrow(refusedAtLoad);
  });

  it('makes build return that command\'s payload, from the typed input', () => {
    type Release = Extract<CommandSpec<Checkout, CheckoutInput, 'stock'>, { command: 'ReleaseStock' }>;
    expectTypeOf<ReturnType<Release['build']>>().toEqualTypeOf<PayloadInputOf<Checkout, 'ReleaseStock'>>();
    expectTypeOf<Parameters<Release['build']>[0]>().toEqualTypeOf<StepContext<CheckoutInput>>();
    const missingField = () =>
      defineSaga(checkout, {
        ...base,
        // @ts-expect-error ChargeCard needs customerId and amount
        steps: [{ name: 'pay', participant: 'billing', kind: 'pivot', action: { command: 'ChargeCard', build: ({ input }) => ({ orderId: input.orderId }) } }],
      });
    // The payload is checked when the command is built, not at load time: the definition loads.
    expect(missingField).not.toThrow();
    const noSuchField = () =>
      // @ts-expect-error CheckoutInput has no shippingAddress
      defineSaga(checkout, { ...base, steps: [{ name: 'ship', participant: 'carrier', kind: 'pivot', action: { command: 'BookParcel', build: ({ input }) => ({ orderId: input.orderId, items: input.items, address: input.shippingAddress }) } }] });
    expect(noSuchField).not.toThrow();
  });

  it('refuses a participant the system does not have', () => {
    expectTypeOf<Step['participant']>().toEqualTypeOf<'stock' | 'billing' | 'carrier' | 'mailer'>();
    const unknown = () =>
      // @ts-expect-error the checkout system has no warehouse
      defineSaga(checkout, { ...base, steps: [{ name: 'pick', participant: 'warehouse', kind: 'pivot', action: { command: 'ReserveStock', build: ({ input }) => ({ orderId: input.orderId, items: input.items }) } }] });
    expect(unknown).toThrow(refusedAtLoad);
  });
});
