import type { FailureReason } from '@saga/contracts';

/** Names no account may take: they would read as the system's own. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set(['admin', 'administrator', 'root', 'system', 'support', 'security']);

/** Why a username cannot be used at all, before looking at who holds it; undefined if it can. */
export function reservedRefusal(username: string, reserved: ReadonlySet<string> = RESERVED_USERNAMES): FailureReason | undefined {
  if (!reserved.has(username)) return undefined;
  return { code: 'USERNAME_RESERVED', reason: 'this username is reserved for the system', retryable: false };
}

/** The refusal when an active account holds the name (the reason never repeats the name: it may identify a person). */
export const USERNAME_TAKEN: FailureReason = { code: 'USERNAME_TAKEN', reason: 'an active account already holds this username', retryable: false };
