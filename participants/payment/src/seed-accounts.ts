import type { DocumentDatabase, LedgerDocument } from '@saga/runtime';
import { ensureAccount } from './account.ts';

/**
 * Opens accounts with the given limits (customer id → limit in minor units) unless they exist; an
 * existing account, with its live balances and markers, is never reset. For a sandbox or a demo:
 * in production accounts open on a customer's first command.
 */
export async function seedAccounts(db: DocumentDatabase, limits: Readonly<Record<string, number>>): Promise<void> {
  const accounts = db.collection<LedgerDocument>('accounts');
  for (const [customerId, limitCents] of Object.entries(limits)) await ensureAccount(accounts, customerId, limitCents);
}
