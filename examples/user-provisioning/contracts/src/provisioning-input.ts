import { z } from 'zod';
import { RoleName, Username } from './ids.ts';

/** What StartSaga carries for a user-provisioning saga. */
export const ProvisionUserInput = z
  .object({
    username: Username,
    email: z.email().max(254),
    role: RoleName,
    storageGib: z.int().min(1).max(10_000),
  })
  .strict()
  .meta({ id: 'ProvisionUserInput' });
export type ProvisionUserInput = z.infer<typeof ProvisionUserInput>;

export const exampleProvisioning: ProvisionUserInput = { username: 'ada', email: 'ada@example.com', role: 'editor', storageGib: 20 };
