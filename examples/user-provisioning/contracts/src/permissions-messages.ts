import { z } from 'zod';
import { FailureReason, defineMessage } from '@saga/contracts';
import { BucketName, RoleName, Username } from './ids.ts';

export const GrantPermissions = z.object({ username: Username, role: RoleName, bucket: BucketName }).meta({ id: 'GrantPermissions' });
export const PermissionsGranted = z.object({ grantId: z.string(), role: RoleName, resource: z.string() }).meta({ id: 'PermissionsGranted' });
export type PermissionsGranted = z.infer<typeof PermissionsGranted>;

export const permissionsMessages = {
  GrantPermissions: defineMessage({
    version: 1, from: 'orchestrator', to: 'permissions', type: 'GrantPermissions', kind: 'command', payload: GrantPermissions,
    description: 'Grant the user a role on their bucket. The pivot of user provisioning: once granted, the account is in use and the saga only goes forward.',
    example: { username: 'ada', role: 'editor', bucket: 'ada-1f3c9a' },
  }),
  PermissionsGranted: defineMessage({
    version: 1, from: 'permissions', to: 'orchestrator', type: 'PermissionsGranted', kind: 'reply', payload: PermissionsGranted, answers: 'GrantPermissions', outcome: 'succeeded',
    description: 'The role is granted on the bucket.',
    example: { grantId: 'grant-7c1d', role: 'editor', resource: 'bucket:ada-1f3c9a' },
  }),
  PermissionsRefused: defineMessage({
    version: 1, from: 'permissions', to: 'orchestrator', type: 'PermissionsRefused', kind: 'reply', payload: FailureReason.meta({ id: 'PermissionsRefused' }), answers: 'GrantPermissions', outcome: 'failed',
    description: 'Nothing was granted: `UNKNOWN_ROLE` (the permission service has no such role).',
    example: { code: 'UNKNOWN_ROLE', reason: 'role "owner" does not exist; known roles: viewer, editor, admin', retryable: false },
  }),
};
