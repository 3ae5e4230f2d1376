import { DEFAULT_SEED_STOCK } from '@order-fulfilment/inventory';
import { DEFAULT_COUNTRIES } from '@order-fulfilment/shipping';
import type { PolicyDefaults } from '@saga/orchestrator';
import { REFUND_OUTAGE_CUSTOMER } from './sandbox-faults.ts';

/** The warehouse's stock: the same as a fresh real warehouse. */
export const SANDBOX_STOCK: Record<string, number> = JSON.parse(DEFAULT_SEED_STOCK) as Record<string, number>;

/**
 * Customers and their limits (minor units). The examples use them: customer-42 (examples/order.json)
 * can pay; customer-43's 2 500.00 EUR (examples/order-declined.json) is over the limit; the refund
 * outage customer (examples/order-parks.json) meets the sandbox fault.
 */
export const SANDBOX_CUSTOMERS: Record<string, number> = {
  'customer-42': 100_000,
  'customer-43': 100_000,
  [REFUND_OUTAGE_CUSTOMER]: 100_000,
};

export const SANDBOX_COUNTRIES: readonly string[] = DEFAULT_COUNTRIES.split(',');
export const SANDBOX_SUPPRESSED_DOMAINS: readonly string[] = ['blocked.example'];

/**
 * Retries and timeouts short enough to watch: an attempt times out after 5 s, an action is tried 3
 * times from 500 ms apart, a compensation 3 times before the saga parks (real default: 10, over up
 * to 30 minutes), and a saga not confirmed within a minute is undone.
 */
export const SANDBOX_POLICY: PolicyDefaults = {
  policy: { timeoutMs: 5_000, startWithinMs: 2_000, retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 2_000, maxElapsedMs: 20_000 } },
  compensationPolicy: { timeoutMs: 5_000, startWithinMs: 2_000, retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 2_000, maxElapsedMs: 20_000 } },
  deadlineMs: 60_000,
};
