import { z } from 'zod';

/** Settings every deployable shares. Each `main.ts` extends this and parses `process.env` once. */
export const BaseConfig = z.object({
  AMQP_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017'),
  /** Prefix of every exchange, queue and database name, so several systems can share a broker. */
  SAGA_NAMESPACE: z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/).default('saga'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Messages larger than this are dead-lettered unread. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  PREFETCH: z.coerce.number().int().min(1).max(1000).default(32),
  /** Partition queues of the orchestrator's input; the same number on every service of a namespace. */
  SAGA_PARTITIONS: z.coerce.number().int().min(1).max(64).default(4),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

/**
 * Parses the environment with a zod schema. On failure prints every issue and exits non-zero:
 * a service with a bad configuration must not start half-way.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  process.stderr.write('Invalid configuration (ERR_INVALID_CONFIG):\n');
  for (const issue of parsed.error.issues) {
    process.stderr.write(`  ${issue.path.join('.')}: ${issue.message}\n`);
  }
  process.exit(2);
}

/** MongoDB database name of one service within a namespace, e.g. `saga_orchestrator`. */
export function databaseName(namespace: string, service: string): string {
  return `${namespace}_${service}`.replace(/-/g, '_');
}
