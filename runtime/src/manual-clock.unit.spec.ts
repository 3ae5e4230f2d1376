import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';

describe('the manual clock', () => {
  it('runs each timer at its own time, in time order, and no timer before its time', async () => {
    const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.now().toISOString()}`), 2_000);
    clock.setTimeout(() => ran.push(`a@${clock.now().toISOString()}`), 1_000);
    const cancelled = clock.setTimeout(() => ran.push('never'), 1_500);
    clock.clearTimeout(cancelled);
    await clock.advance(1_999);
    expect(ran).toEqual(['a@2030-01-01T00:00:01.000Z']);
    await clock.advance(1);
    expect(ran).toEqual(['a@2030-01-01T00:00:01.000Z', 'b@2030-01-01T00:00:02.000Z']);
    expect(clock.pending).toBe(0);
  });

  it('runs a timer that a timer sets, when it falls due within the same advance', async () => {
    const clock = new ManualClock();
    const ran: number[] = [];
    clock.setTimeout(() => {
      ran.push(1);
      clock.setTimeout(() => ran.push(2), 10);
    }, 10);
    await clock.advance(20);
    expect(ran).toEqual([1, 2]);
  });
});
