import type { FailureReason } from '@saga/contracts';
import { actionReply, deriveId, SagaError, type Handler, type Ledger } from '@saga/runtime';
import type { ProvisioningSystem, UserCreated } from '../../../../contracts/src/index.ts';
import { reservedRefusal, USERNAME_TAKEN } from '../username-rules.ts';

/**
 * CreateUser: the account document is keyed by the username, so "unique among active accounts" is
 * one guarded upsert: it creates the document, or re-activates one whose account was deactivated,
 * and refuses when an active account holds the name. The marker in the same document makes a
 * repeat reply with what was recorded.
 */
export function createUser(ledger: Ledger): Handler<ProvisioningSystem, 'CreateUser'> {
  return async ({ key, payload, log }) => {
    const { username, email } = payload;
    const reserved = reservedRefusal(username);
    const userId = `usr-${deriveId(key).slice(0, 8)}`;
    const outcome = reserved
      ? await ledger.refuse<UserCreated, FailureReason>(username, key, reserved)
      : await ledger.act<UserCreated, FailureReason>(username, key, {
          guard: { status: { $ne: 'active' } },
          effect: { $set: { status: 'active', userId, email, createdBy: key } },
          result: { userId, username },
          refusal: (current) => {
            if (current?.['status'] === 'active') return USERNAME_TAKEN;
            // The guard failed yet the account is not active: another process wrote in between.
            throw new SagaError('ERR_CONCURRENCY_CONFLICT', 'account changed during its creation');
          },
          upsert: true,
        });
    return actionReply(outcome, { succeeded: 'UserCreated', failed: 'UserCreationRefused', lateReason: 'the account was deactivated before it was created; nothing was created' }, log);
  };
}
