import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_HOLD, nextRetryDelay, pause } from './retry-hold.ts';

describe('the retry hold', () => {
  it('doubles the pause from one second', () => {
    expect([1, 2, 3, 4, 5].map((a) => nextRetryDelay(a, 0, DEFAULT_RETRY_HOLD))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('caps the pause at thirty seconds', () => {
    expect(nextRetryDelay(6, 0, DEFAULT_RETRY_HOLD)).toBe(30_000);
    expect(nextRetryDelay(40, 0, DEFAULT_RETRY_HOLD)).toBe(30_000);
  });

  it('gives the message up for requeueing once another pause would exceed the hold time', () => {
    expect(nextRetryDelay(10, 270_000, DEFAULT_RETRY_HOLD)).toBe(30_000);
    expect(nextRetryDelay(10, 270_001, DEFAULT_RETRY_HOLD)).toBeUndefined();
  });

  it('requeues at once when the hold time is zero', () => {
    expect(nextRetryDelay(1, 0, { ...DEFAULT_RETRY_HOLD, maxHoldMs: 0 })).toBeUndefined();
  });

  it('stops waiting when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await pause(1, controller.signal)).toBe(false);
  });
});
