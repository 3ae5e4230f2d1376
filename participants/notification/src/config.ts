import { z } from 'zod';

/** The notification participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const NotificationConfig = z.object({
  /**
   * Recipient domains never written to: a comma-separated list; subdomains are suppressed too.
   * Set it to an empty string to suppress nothing.
   */
  NOTIFICATION_SUPPRESSED_DOMAINS: z
    .string()
    .default('blocked.example')
    .transform((text) =>
      text
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter((domain) => domain !== ''),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be domain names'))),
});
export type NotificationConfig = z.infer<typeof NotificationConfig>;
