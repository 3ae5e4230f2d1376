import { describe, expect, it } from 'vitest';
import { backoffDelayMs, mergePolicy, nextAttemptAt, policyProblems, DEFAULT_ACTION_POLICY, type RetryPolicy } from './retry-policy.ts';

const policy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 5_000, multiplier: 2, jitter: 0, maxElapsedMs: 60_000 };

describe('retry policy', () => {
  it('doubles the delay after each attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((used) => backoffDelayMs(policy, used, () => 0))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('jitter only ever shortens the delay, by at most its share', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(backoffDelayMs(jittered, 1, () => 0)).toBe(1_000);
    expect(backoffDelayMs(jittered, 1, () => 0.999_999)).toBe(800);
    expect(backoffDelayMs(jittered, 4, () => 0.5)).toBe(4_500);
  });

  it('has no next attempt once the attempts are spent', () => {
    const budget = { used: 5, startedAt: '2026-11-21T10:00:00.000Z' };
    expect(nextAttemptAt(policy, budget, '2026-11-21T10:00:10.000Z', () => 0)).toBeUndefined();
    expect(nextAttemptAt(policy, { ...budget, used: 4 }, '2026-11-21T10:00:10.000Z', () => 0)).toBe('2026-11-21T10:00:15.000Z');
  });

  it('has no next attempt that would start after the total time cap', () => {
    const budget = { used: 1, startedAt: '2026-11-21T10:00:00.000Z' };
    expect(nextAttemptAt(policy, budget, '2026-11-21T10:00:59.500Z', () => 0)).toBeUndefined();
    expect(nextAttemptAt(policy, budget, '2026-11-21T10:00:58.000Z', () => 0)).toBe('2026-11-21T10:00:59.000Z');
  });

  it('spaces attempts linearly, by a fixed delay, or not at all, as the shape says', () => {
    const delays = (p: RetryPolicy) => [1, 2, 3, 4, 5].map((used) => backoffDelayMs(p, used, () => 0));
    expect(delays({ ...policy, backoff: 'linear', incrementMs: 1_500 })).toEqual([1_000, 2_500, 4_000, 5_000, 5_000]);
    expect(delays({ ...policy, backoff: 'linear' })).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(delays({ ...policy, backoff: 'fixed' })).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    const budget = { used: 1, startedAt: '2026-11-21T10:00:00.000Z' };
    expect(nextAttemptAt({ ...policy, backoff: 'none', maxAttempts: 1 }, budget, '2026-11-21T10:00:01.000Z', () => 0)).toBeUndefined();
    expect(nextAttemptAt({ ...policy, backoff: 'fixed' }, { ...budget, used: 3 }, '2026-11-21T10:00:05.000Z', () => 0)).toBe('2026-11-21T10:00:06.000Z');
  });

  it('refuses shapes that cannot work', () => {
    const check = (retry: Partial<RetryPolicy>) => policyProblems('step 1', mergePolicy(DEFAULT_ACTION_POLICY, { retry }));
    expect(check({ backoff: 'none' })).toContain("step 1: retry.backoff 'none' never retries; set retry.maxAttempts to 1 or choose another backoff");
    expect(check({ backoff: 'none', maxAttempts: 1 })).toEqual([]);
    expect(check({ backoff: 'spiral' as never })).toContain('step 1: retry.backoff must be one of exponential, linear, fixed, none');
    expect(check({ backoff: 'linear', incrementMs: -1 })).toContain('step 1: retry.incrementMs must be an integer ≥ 0');
  });
});
