import type { FailureReason } from '@saga/contracts';

/** What the storage service allows: the pool everyone shares and what one user may take of it. */
export interface StorageLimits {
  /** Space of a pool created by this start; an existing pool keeps its own. */
  poolGib: number;
  /** Most one user's bucket may have. */
  quotaGib: number;
}

/** Refusal decided from the request alone: more than the per-user quota. */
export function quotaRefusal(gib: number, quotaGib: number): FailureReason | undefined {
  if (gib <= quotaGib) return undefined;
  return { code: 'QUOTA_EXCEEDED', reason: `${gib} GiB requested, the per-user quota is ${quotaGib} GiB`, retryable: false };
}

/** Refusal when the pool has less free space than asked. */
export function poolRefusal(gib: number, freeGib: number): FailureReason {
  return { code: 'POOL_EXHAUSTED', reason: `${gib} GiB requested, ${freeGib} GiB free in the pool`, retryable: false };
}

/** A bucket name from the username and the saga step, so a user provisioned again gets a new bucket. */
export function bucketName(username: string, keyDigest: string): string {
  return `${username.replaceAll('_', '-')}-${keyDigest.slice(0, 6)}`;
}
