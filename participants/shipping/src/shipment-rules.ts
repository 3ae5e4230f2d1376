import { createHash } from 'node:crypto';
import type { FailureReason } from '@saga/contracts';

/**
 * The tracking number of the shipment booked under `key`: derived, not random, so that a booking
 * re-run after a crash (before its marker was written) would hand out the same number.
 */
export function trackingNumberFor(key: string): string {
  return `TRK-${createHash('sha256').update(key).digest('hex').slice(0, 10).toUpperCase()}`;
}

/** Why a shipment to `country` cannot be booked, or undefined when the carrier serves it. */
export function destinationRefusal(served: ReadonlySet<string>, country: string): FailureReason | undefined {
  if (served.has(country)) return undefined;
  // A country code alone identifies no one, so it may appear in the reason (the address may not).
  return { code: 'DESTINATION_NOT_SERVED', reason: `country ${country} is not served`, retryable: false };
}
