import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How a consumer retries a handler that failed with a retryable error while it keeps the message
 * unacked: exponential backoff from `initialDelayMs`, capped at `maxDelayMs`, for at most
 * `maxHoldMs`; after that the message is requeued. A requeue counts as a redelivery, so a quorum
 * queue's `x-delivery-limit` eventually dead-letters a message that never succeeds (or that
 * crashes the process every time), instead of it circling forever.
 */
export interface RetryHoldPolicy {
  /** @default 1000 */
  initialDelayMs: number;
  /** @default 30000 */
  maxDelayMs: number;
  /**
   * Longest time a message is held before it is requeued. Keep it well below RabbitMQ's
   * `consumer_timeout` (30 min by default), which closes the channel of a consumer that holds a
   * message longer. @default 300000
   */
  maxHoldMs: number;
}

export const DEFAULT_RETRY_HOLD: RetryHoldPolicy = { initialDelayMs: 1000, maxDelayMs: 30_000, maxHoldMs: 300_000 };

/** The pause before retry `attempt` (1 = the first retry), or undefined when the hold would exceed its maximum. */
export function nextRetryDelay(attempt: number, heldMs: number, policy: RetryHoldPolicy): number | undefined {
  const delay = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return heldMs + delay > policy.maxHoldMs ? undefined : delay;
}

/** Waits, unless `signal` aborts first (consumer closed, channel replaced); resolves false then. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
