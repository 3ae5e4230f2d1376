/**
 * When something should happen later: the memory bus schedules delayed messages and reorder holds
 * through this, so a test can drive them with a clock it moves (ManualClock) instead of real time.
 */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers, unref'd: a pending delay never keeps a process alive on its own. */
export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
