import { ProvisionUserInput, exampleProvisioning, provisioningSystem, type StorageAllocated } from '../../contracts/src/index.ts';
import { defineSaga } from '@saga/orchestrator';

/**
 * User provisioning, from the seed documents: create the account, allocate its storage, grant its
 * permissions. Granting is the pivot, not a compensatable or retriable step: the steps before it are
 * invisible to the user and are undone exactly (deactivate, release) when the grant is refused —
 * an unknown role is the go/no-go check — but once the role is granted the account is live and may
 * already be in use, so taking it back is not an automatic decision. From there the saga only goes
 * forward (here: it ends). A grant whose outcome is unknown (its attempts timed out) parks the saga
 * as `pivot-outcome-unknown` for an operator, who retries it (grants are idempotent) or, if it did not
 * happen, forces the compensation.
 */
export const provisionUser = defineSaga(provisioningSystem, {
  name: 'user-provisioning',
  version: 1,
  description: 'Create the user account, allocate its storage and grant its permissions; undo in reverse when a step says no.',
  input: ProvisionUserInput,
  example: exampleProvisioning,
  // An account not provisioned within two minutes is undone (before the grant) rather than left half made.
  deadlineMs: 2 * 60_000,
  steps: [
    {
      name: 'create-user',
      participant: 'accounts',
      kind: 'compensatable',
      action: { command: 'CreateUser', build: ({ input }) => ({ username: input.username, email: input.email }) },
      compensation: { command: 'DeactivateUser', build: ({ input }) => ({ username: input.username }) },
    },
    {
      name: 'allocate-storage',
      participant: 'storage',
      kind: 'compensatable',
      action: { command: 'AllocateStorage', build: ({ input }) => ({ username: input.username, gib: input.storageGib }) },
      compensation: { command: 'ReleaseStorage', build: ({ input }) => ({ username: input.username }) },
    },
    {
      name: 'grant-permissions',
      participant: 'permissions',
      kind: 'pivot',
      action: {
        command: 'GrantPermissions',
        build: ({ input, results }) => ({ username: input.username, role: input.role, bucket: (results['allocate-storage'] as StorageAllocated).bucket }),
      },
    },
  ],
});

/** Every version this build ships (one so far); a changed saga is added beside it as version 2. */
export const provisioningSagas = [provisionUser];
