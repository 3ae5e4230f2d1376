import { z } from 'zod';

export const DEFAULT_COUNTRIES = 'GB,IE,FR,DE,NL,BE,ES,IT,US,CA';

/** The shipping participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const ShippingConfig = z.object({
  /** Destinations the carrier serves: a comma-separated list of ISO 3166-1 alpha-2 codes. */
  SHIPPING_COUNTRIES: z
    .string()
    .default(DEFAULT_COUNTRIES)
    .transform((text) =>
      text
        .split(',')
        .map((code) => code.trim().toUpperCase())
        .filter((code) => code !== ''),
    )
    .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2 codes')).min(1, 'must name at least one country')),
});
export type ShippingConfig = z.infer<typeof ShippingConfig>;
