import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);
const Unset = (name: string) =>
  z
    .string()
    .optional()
    .refine((value) => value === undefined || value.trim() === '', {
      message: `${name} is set, so you mean the real system: the sandbox never uses a broker or a database. Unset it to run the sandbox, or run the real system (pnpm start).`,
    });

/**
 * The sandbox's settings. AMQP_URL and MONGO_URL configure the real system, so the sandbox refuses
 * to start when either is set instead of quietly ignoring it: no one should believe they are talking
 * to their broker while nothing is stored.
 */
export const SandboxConfig = z
  .object({
    /** Port of the HTTP API; 0 picks a free one. SANDBOX_HTTP_PORT wins over HTTP_PORT. @default 3000 */
    SANDBOX_HTTP_PORT: Port.optional(),
    HTTP_PORT: Port.optional(),
    HTTP_HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
    AMQP_URL: Unset('AMQP_URL'),
    MONGO_URL: Unset('MONGO_URL'),
  })
  .transform((c) => ({ port: c.SANDBOX_HTTP_PORT ?? c.HTTP_PORT ?? 3000, host: c.HTTP_HOST, logLevel: c.LOG_LEVEL }));
export type SandboxConfig = z.output<typeof SandboxConfig>;
