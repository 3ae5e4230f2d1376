import type { FailureReason } from '@saga/contracts';
import type { Money } from '@order-fulfilment/contracts';
import { isDuplicateKeyError, type DocumentCollection, type LedgerDocument } from '@saga/runtime';

/**
 * A customer account, `_id` = customer id: `{ limitCents, availableCents, chargedCents,
 * refundedCents, markers }`. The ledger's markers live here, so a charge and its marker are one write.
 */
export type Accounts = DocumentCollection<LedgerDocument>;

/**
 * Opens the account with the default limit if it does not exist. Runs before every action and
 * compensation: the ledger only writes markers into existing documents, and a refund that arrives
 * first must leave a marker behind so the late charge is refused.
 */
export async function ensureAccount(accounts: Accounts, customerId: string, limitCents: number): Promise<void> {
  try {
    await accounts.updateOne(
      { _id: customerId },
      { $setOnInsert: { limitCents, availableCents: limitCents, chargedCents: 0, refundedCents: 0, markers: {} } },
      { upsert: true },
    );
  } catch (error) {
    // Two first commands for one customer in two processes: the other insert won, which is fine.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Why `amount` cannot be charged against `availableCents`, or undefined when it can. */
export function limitExceeded(availableCents: number, amount: Money): FailureReason | undefined {
  if (availableCents >= amount.cents) return undefined;
  // The reason never carries the customer's balance: replies end up in the saga record and logs.
  return { code: 'LIMIT_EXCEEDED', reason: "amount exceeds the customer's remaining limit", retryable: false };
}

/** The available amount of an account as read back by the ledger (missing account → nothing). */
export function availableOf(account: LedgerDocument | null): number {
  const available = account?.['availableCents'];
  return typeof available === 'number' ? available : 0;
}
