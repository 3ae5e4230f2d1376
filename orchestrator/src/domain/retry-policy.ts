/**
 * The shape of the delays between attempts:
 * - `exponential`: initialDelayMs, then × multiplier each time (the default);
 * - `linear`: initialDelayMs, then + incrementMs each time;
 * - `fixed`: initialDelayMs every time;
 * - `none`: no retry at all — the first failure is final.
 * Every shape is capped by maxDelayMs, maxAttempts and maxElapsedMs, and jittered.
 */
export type BackoffShape = 'exponential' | 'linear' | 'fixed' | 'none';
export const BACKOFF_SHAPES: readonly BackoffShape[] = ['exponential', 'linear', 'fixed', 'none'];

/**
 * How a step (or its compensation) is retried after a transient failure or a timeout: a backoff
 * shape with jitter, capped in attempts and in total time. A budget belongs to one phase of one
 * step — it is never shared with, or carried over to, another step or the compensation.
 */
export interface RetryPolicy {
  /** @default 'exponential' */
  backoff?: BackoffShape;
  /** Attempts in all, the first included. 1 = never retry. */
  maxAttempts: number;
  /** Delay before the second attempt. */
  initialDelayMs: number;
  /** Cap on any one delay. */
  maxDelayMs: number;
  /** exponential: each delay is the previous one times this. */
  multiplier: number;
  /** linear: each delay is the previous one plus this. @default initialDelayMs */
  incrementMs?: number;
  /** 0..1: how much of each delay is randomized (0.2 → the delay is 80–100 % of its nominal value). */
  jitter: number;
  /** No attempt is scheduled later than this after the budget's first attempt. */
  maxElapsedMs: number;
}

/**
 * Time limits and retry policy of one phase (action or compensation) of a step. Like Temporal's
 * schedule-to-start and start-to-close, the time a command waits in its participant's queue is not
 * counted against the time it may take to run: a command carries `expiresAt` = sent + startWithinMs,
 * its participant refuses to start it after that (CommandExpired: it did not run), and the attempt
 * counts as timed out — one that may have run — only at expiresAt + timeoutMs.
 */
export interface PhasePolicy {
  retry: RetryPolicy;
  /** How long an attempt may run once its participant has started it. */
  timeoutMs: number;
  /** How long a command may wait in its participant's queue before it must be refused, unstarted. */
  startWithinMs: number;
}

export const DEFAULT_ACTION_POLICY: PhasePolicy = {
  retry: { maxAttempts: 3, initialDelayMs: 1_000, maxDelayMs: 30_000, multiplier: 2, jitter: 0.2, maxElapsedMs: 5 * 60_000 },
  timeoutMs: 30_000,
  startWithinMs: 30_000,
};

/** Compensations must eventually succeed: a bigger budget, then the saga is parked for an operator. */
export const DEFAULT_COMPENSATION_POLICY: PhasePolicy = {
  retry: { maxAttempts: 10, initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 0.2, maxElapsedMs: 30 * 60_000 },
  timeoutMs: 30_000,
  startWithinMs: 30_000,
};

/** What a definition may override; anything left out keeps the default. */
export interface PhasePolicyOverride {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  startWithinMs?: number;
}

export function mergePolicy(base: PhasePolicy, ...overrides: (PhasePolicyOverride | undefined)[]): PhasePolicy {
  return overrides.reduce<PhasePolicy>(
    (policy, o) => (o ? { retry: { ...policy.retry, ...o.retry }, timeoutMs: o.timeoutMs ?? policy.timeoutMs, startWithinMs: o.startWithinMs ?? policy.startWithinMs } : policy),
    base,
  );
}

/**
 * The delay before attempt `used + 1`, after `used` attempts of this budget (used ≥ 1).
 * `random` returns [0, 1); the jitter only ever shortens the nominal delay, so the cap holds.
 */
export function backoffDelayMs(policy: RetryPolicy, used: number, random: () => number): number {
  const n = Math.max(0, used - 1);
  const shaped = {
    exponential: () => policy.initialDelayMs * policy.multiplier ** n,
    linear: () => policy.initialDelayMs + (policy.incrementMs ?? policy.initialDelayMs) * n,
    fixed: () => policy.initialDelayMs,
    none: () => 0,
  }[policy.backoff ?? 'exponential']();
  const nominal = Math.min(policy.maxDelayMs, shaped);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(nominal * (1 - jitter * random()));
}

/**
 * When the next attempt may run, or undefined when the budget (attempts or total time) is spent.
 * `factor` stretches the delay (capped at maxDelayMs), for a participant too busy to start in time.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  budget: { used: number; startedAt: string },
  now: string,
  random: () => number,
  factor = 1,
): string | undefined {
  if (policy.backoff === 'none' || budget.used >= policy.maxAttempts) return undefined;
  const delay = Math.min(policy.maxDelayMs, backoffDelayMs(policy, Math.max(1, budget.used), random) * factor);
  const at = Date.parse(now) + delay;
  if (at - Date.parse(budget.startedAt) > policy.maxElapsedMs) return undefined;
  return new Date(at).toISOString();
}

export function policyProblems(at: string, policy: PhasePolicy): string[] {
  const { retry, timeoutMs, startWithinMs } = policy;
  const problems: string[] = [];
  const positiveInt = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) problems.push(`${at}: ${name} must be an integer ≥ ${min}`);
  };
  positiveInt('retry.maxAttempts', retry.maxAttempts, 1);
  positiveInt('retry.initialDelayMs', retry.initialDelayMs, 0);
  positiveInt('retry.maxDelayMs', retry.maxDelayMs, 0);
  positiveInt('retry.maxElapsedMs', retry.maxElapsedMs, 0);
  positiveInt('timeoutMs', timeoutMs, 1);
  positiveInt('startWithinMs', startWithinMs, 1);
  if (!(retry.multiplier >= 1)) problems.push(`${at}: retry.multiplier must be ≥ 1`);
  if (!(retry.jitter >= 0 && retry.jitter <= 1)) problems.push(`${at}: retry.jitter must be within 0..1`);
  if (retry.maxDelayMs < retry.initialDelayMs) problems.push(`${at}: retry.maxDelayMs must be ≥ retry.initialDelayMs`);
  if (retry.backoff !== undefined && !BACKOFF_SHAPES.includes(retry.backoff)) problems.push(`${at}: retry.backoff must be one of ${BACKOFF_SHAPES.join(', ')}`);
  if (retry.backoff === 'none' && retry.maxAttempts > 1) problems.push(`${at}: retry.backoff 'none' never retries; set retry.maxAttempts to 1 or choose another backoff`);
  if (retry.incrementMs !== undefined) positiveInt('retry.incrementMs', retry.incrementMs, 0);
  return problems;
}

/** Policy settings an operator can impose on every saga of a deployment (SAGA_POLICY), e.g. shorter timeouts in a test. */
export interface PolicyDefaults {
  policy?: PhasePolicyOverride;
  compensationPolicy?: PhasePolicyOverride;
  deadlineMs?: number;
}
