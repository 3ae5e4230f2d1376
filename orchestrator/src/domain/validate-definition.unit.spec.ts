import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkout } from '../../test/checkout-system.ts';
import { purchase } from '../../test/saga-fixtures.ts';
import type { AnySagaDefinition, AnyStepDefinition } from './definition.ts';
import { sagaRegistry } from './saga-registry.ts';
import { defineSaga, definitionProblems, withPolicyDefaults } from './validate-definition.ts';

const [reserve, pay, , confirm] = purchase.steps as readonly AnyStepDefinition[] as [AnyStepDefinition, AnyStepDefinition, AnyStepDefinition, AnyStepDefinition];
/** A definition over the checkout system, built without defineSaga's checks, so that each rule can be broken. */
const saga = (steps: AnyStepDefinition[]): AnySagaDefinition => ({ system: checkout, name: 'test-saga', version: 1, description: '', input: z.unknown(), steps });

describe('saga definition rules', () => {
  it('accepts a saga that keeps every rule', () => {
    expect(definitionProblems(purchase)).toEqual([]);
  });

  it('refuses retry policies and deadlines that cannot work, naming the step', () => {
    const problems = definitionProblems({
      ...saga([{ ...reserve, policy: { retry: { maxAttempts: 0, jitter: 2 }, timeoutMs: 0 }, compensationPolicy: { retry: { initialDelayMs: 5_000, maxDelayMs: 10 } } }]),
      deadlineMs: -1,
    });
    expect(problems).toEqual([
      'deadlineMs must be a positive integer',
      'step 1 (reserve-stock) policy: retry.maxAttempts must be an integer ≥ 1',
      'step 1 (reserve-stock) policy: timeoutMs must be an integer ≥ 1',
      'step 1 (reserve-stock) policy: retry.jitter must be within 0..1',
      'step 1 (reserve-stock) compensationPolicy: retry.maxDelayMs must be ≥ retry.initialDelayMs',
    ]);
  });

  it('lays deployment-wide policy defaults over a saga\'s own, and checks the result', () => {
    const own = { ...purchase, defaults: { policy: { timeoutMs: 9_000, retry: { maxAttempts: 7 } } } };
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
    expect(definitionProblems(saga([noUndo]))).toContain('step 1 (reserve-stock): a compensatable step needs a compensation command');
  });

  it('refuses a pivot that has a compensation', () => {
    expect(definitionProblems(saga([{ ...pay, kind: 'pivot' }])).join()).toContain('a pivot step has no compensation');
  });

  it('refuses a command sent to the wrong participant', () => {
    expect(definitionProblems(saga([{ ...reserve, participant: 'billing' }])).join()).toContain('ReserveStock is handled by stock, not billing');
  });

  it('refuses duplicate step names and two pivots', () => {
    const problems = definitionProblems(saga([reserve, reserve, confirm, { ...confirm, name: 'again' }]));
    expect(problems).toContain('step 2 (reserve-stock): duplicate step name');
    expect(problems).toContain('a saga has at most one pivot step');
  });

  it('refuses a reply used as a command', () => {
    const wrong = { ...reserve, action: { command: 'StockReserved', build: () => ({}) } } as AnyStepDefinition;
    expect(definitionProblems(saga([wrong])).join()).toContain('StockReserved is not a command');
  });

  it('throws ERR_INVALID_DEFINITION listing every problem', () => {
    expect(() => defineSaga(checkout, { name: 'test-saga', version: 1, description: '', input: z.unknown(), steps: [] })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DEFINITION' }));
  });
});

describe('the versioned registry', () => {
  it('keeps versions side by side and gives the newest by default', () => {
    const v2 = { ...purchase, version: 2 };
    const registry = sagaRegistry([v2, purchase]);
    expect(registry.get('purchase', 1)).toBe(purchase);
    expect(registry.get('purchase', 2)).toBe(v2);
    expect(registry.latest('purchase')).toBe(v2);
    expect(registry.get('purchase', 3)).toBeUndefined();
    expect(registry.all().map((d) => d.version)).toEqual([1, 2]);
  });

  it('refuses the same (name, version) twice', () => {
    expect(() => sagaRegistry([purchase, { ...purchase }])).toThrow('purchase@1 is registered twice');
  });
});
