import { z } from 'zod';

/** The storage participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const StorageConfig = z.object({
  /** Space of a pool created at this start, in GiB; an existing pool keeps its own. */
  STORAGE_POOL_GIB: z.coerce.number().int().min(0).default(10_000),
  /** Most one user's bucket may have, in GiB. */
  STORAGE_QUOTA_GIB: z.coerce.number().int().min(1).default(100),
});
export type StorageConfig = z.infer<typeof StorageConfig>;
