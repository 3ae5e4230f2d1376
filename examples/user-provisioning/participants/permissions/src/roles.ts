import type { FailureReason } from '@saga/contracts';

export const DEFAULT_ROLES: readonly string[] = ['viewer', 'editor', 'admin'];

/** Refusal of a role the service does not know; undefined for a known one. */
export function roleRefusal(role: string, known: ReadonlySet<string>): FailureReason | undefined {
  if (known.has(role)) return undefined;
  return { code: 'UNKNOWN_ROLE', reason: `role "${role}" does not exist; known roles: ${[...known].join(', ')}`, retryable: false };
}
