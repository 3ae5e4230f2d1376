import type { Scheduler } from './scheduler.ts';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock that moves only when told to, and a scheduler on it: `advance(ms)` moves time forward and
 * runs every timer that falls due on the way, in time order (ties in the order they were set), each
 * at its own time, letting promises settle in between. One ManualClock can drive the saga test
 * harness (its `now`) and the memory bus (its delayed messages) together.
 */
export class ManualClock implements Scheduler {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  constructor(start: Date = new Date('2026-01-01T00:00:00Z')) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.#now + Math.max(0, ms), seq: (this.#seq += 1), callback };
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as Timer);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves the clock `ms` forward, running each timer due on the way at its time. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      const next = [...this.#timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#timers.delete(next);
      this.#now = next.at;
      next.callback();
      await settle();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets queued promise callbacks (and what they queue in turn) run before the clock moves on. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
