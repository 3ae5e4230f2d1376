import { z } from 'zod';

/** The payment participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const PaymentConfig = z.object({
  /** Spending limit of an account opened by its first command, in minor units. Existing accounts keep theirs. */
  PAYMENT_DEFAULT_LIMIT_CENTS: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(100_000),
});
export type PaymentConfig = z.infer<typeof PaymentConfig>;
