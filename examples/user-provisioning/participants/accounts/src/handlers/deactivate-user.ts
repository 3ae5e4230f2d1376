import type { Handler, Ledger } from '@saga/runtime';
import type { ProvisioningSystem } from '../../../../contracts/src/index.ts';

/**
 * DeactivateUser: deactivates the account this saga created, once, and only that one — the
 * marker says whether this saga created it, so an account someone else holds is never touched.
 * With no marker the ledger records a no-op, and a CreateUser arriving later is refused.
 */
export function deactivateUser(ledger: Ledger): Handler<ProvisioningSystem, 'DeactivateUser'> {
  return async ({ key, payload }) => {
    const outcome = await ledger.compensate(payload.username, key, () => ({ $set: { status: 'deactivated' } }), true);
    return { type: 'UserDeactivated', payload: { outcome: outcome.kind } };
  };
}
