import type { FailureReason } from '@saga/contracts';

/**
 * Why `email` must not be written to, or undefined when it may. A suppressed domain covers its
 * subdomains (`mail.blocked.example`), and domains compare case-insensitively, as DNS does.
 */
export function suppressionOf(email: string, suppressedDomains: readonly string[]): FailureReason | undefined {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const suppressed = suppressedDomains.some((blocked) => domain === blocked || domain.endsWith(`.${blocked}`));
  if (!suppressed) return undefined;
  // Neither the address nor its domain goes into the reason: both can identify the customer.
  return { code: 'RECIPIENT_SUPPRESSED', reason: 'the recipient is on the suppression list', retryable: false };
}
