import type { FailureReason } from '@saga/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import type { PermissionsGranted, ProvisioningSystem } from '../../../../contracts/src/index.ts';
import { roleRefusal } from '../roles.ts';

/**
 * GrantPermissions: the grant document is keyed by the saga step and holds its own marker, so
 * granting is one upsert and a repeat replies with the recorded grant — or the recorded refusal.
 */
export function grantPermissions(ledger: Ledger, roles: ReadonlySet<string>): Handler<ProvisioningSystem, 'GrantPermissions'> {
  return async ({ key, payload, log }) => {
    const { username, role, bucket } = payload;
    const resource = `bucket:${bucket}`;
    const refusal = roleRefusal(role, roles);
    const outcome = refusal
      ? await ledger.refuse<PermissionsGranted, FailureReason>(key, key, refusal)
      : await ledger.act<PermissionsGranted, FailureReason>(key, key, {
          effect: { $set: { username, role, resource, status: 'granted' } },
          result: { grantId: `grant-${key}`, role, resource },
          refusal: () => {
            throw new SagaError('ERR_INCONSISTENT_DATA', 'grant document exists without its marker');
          },
          upsert: true,
        });
    return actionReply(outcome, { succeeded: 'PermissionsGranted', failed: 'PermissionsRefused', lateReason: 'the grant was given up before it arrived; nothing was granted' }, log);
  };
}
