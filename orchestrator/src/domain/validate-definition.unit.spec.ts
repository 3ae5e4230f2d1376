import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnySagaDefinition, StepDefinition } from './definition.ts';
import { orderFulfilment } from './sagas/order-fulfilment.ts';
import { sagaRegistry } from './saga-registry.ts';
import { defineSaga, definitionProblems, withPolicyDefaults } from './validate-definition.ts';

const reserve = orderFulfilment.steps[0]!;
const pay = orderFulfilment.steps[1]!;
const confirm = orderFulfilment.steps[3]!;
const saga = (steps: StepDefinition<unknown>[]): AnySagaDefinition => ({ name: 'test-saga', version: 1, description: '', input: z.unknown(), steps });

describe('saga definition rules', () => {
  it('accepts the order-fulfilment saga', () => {
    expect(definitionProblems(orderFulfilment)).toEqual([]);
  });

  it('refuses retry policies and deadlines that cannot work, naming the step', () => {
    const problems = definitionProblems({
      ...saga([{ ...reserve, policy: { retry: { maxAttempts: 0, jitter: 2 }, timeoutMs: 0 }, compensationPolicy: { retry: { initialDelayMs: 5_000, maxDelayMs: 10 } } }]),
      deadlineMs: -1,
    });
    expect(problems).toEqual([
      'deadlineMs must be a positive integer',
      'step 1 (reserve-inventory) policy: retry.maxAttempts must be an integer ≥ 1',
      'step 1 (reserve-inventory) policy: timeoutMs must be an integer ≥ 1',
      'step 1 (reserve-inventory) policy: retry.jitter must be within 0..1',
      'step 1 (reserve-inventory) compensationPolicy: retry.maxDelayMs must be ≥ retry.initialDelayMs',
    ]);
  });

  it('lays deployment-wide policy defaults over a saga\'s own, and checks the result', () => {
    const own = { ...orderFulfilment, defaults: { policy: { timeoutMs: 9_000, retry: { maxAttempts: 7 } } } };
    const laid = withPolicyDefaults([own], { policy: { timeoutMs: 2_000 }, deadlineMs: 60_000 })[0]!;
    expect(laid.defaults?.policy).toEqual({ timeoutMs: 2_000, retry: { maxAttempts: 7 } });
    expect(laid.deadlineMs).toBe(60_000);
    expect(() => withPolicyDefaults([own], { policy: { timeoutMs: 0 } })).toThrow('timeoutMs must be an integer ≥ 1');
  });

  it('refuses a compensatable step after the pivot', () => {
    expect(definitionProblems(saga([confirm, reserve])).join()).toContain('every step before the pivot must be compensatable');
  });

  it('refuses a compensatable step without a compensation', () => {
    const { compensation: _dropped, ...noUndo } = reserve;
    expect(definitionProblems(saga([noUndo]))).toContain('step 1 (reserve-inventory): a compensatable step needs a compensation command');
  });

  it('refuses a pivot that has a compensation', () => {
    expect(definitionProblems(saga([{ ...pay, kind: 'pivot' }])).join()).toContain('a pivot step has no compensation');
  });

  it('refuses a command sent to the wrong participant', () => {
    expect(definitionProblems(saga([{ ...reserve, participant: 'payment' }])).join()).toContain('ReserveInventory is handled by inventory, not payment');
  });

  it('refuses duplicate step names and two pivots', () => {
    const problems = definitionProblems(saga([reserve, reserve, confirm, { ...confirm, name: 'again' }]));
    expect(problems).toContain('step 2 (reserve-inventory): duplicate step name');
    expect(problems).toContain('a saga has at most one pivot step');
  });

  it('refuses a reply used as a command', () => {
    const wrong = { ...reserve, action: { command: 'InventoryReserved', build: () => ({}) } } as unknown as StepDefinition<unknown>;
    expect(definitionProblems(saga([wrong])).join()).toContain('InventoryReserved is not a command');
  });

  it('throws ERR_INVALID_DEFINITION listing every problem', () => {
    expect(() => defineSaga(saga([]))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DEFINITION' }));
  });
});

describe('the versioned registry', () => {
  it('keeps versions side by side and gives the newest by default', () => {
    const v2 = { ...orderFulfilment, version: 2 };
    const registry = sagaRegistry([v2, orderFulfilment]);
    expect(registry.get('order-fulfilment', 1)).toBe(orderFulfilment);
    expect(registry.get('order-fulfilment', 2)).toBe(v2);
    expect(registry.latest('order-fulfilment')).toBe(v2);
    expect(registry.get('order-fulfilment', 3)).toBeUndefined();
    expect(registry.all().map((d) => d.version)).toEqual([1, 2]);
  });

  it('refuses the same (name, version) twice', () => {
    expect(() => sagaRegistry([orderFulfilment, { ...orderFulfilment }])).toThrow('order-fulfilment@1 is registered twice');
  });
});
