import { z } from 'zod';
import { DEFAULT_ROLES } from './roles.ts';

/** The permissions participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const PermissionsConfig = z.object({
  /** The roles that exist, comma-separated. */
  PERMISSION_ROLES: z
    .string()
    .default(DEFAULT_ROLES.join(','))
    .transform((text) => text.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).min(1)),
});
export type PermissionsConfig = z.infer<typeof PermissionsConfig>;
