import { Sku } from '@order-fulfilment/contracts';
import { z } from 'zod';

/** The stock a brand-new warehouse starts with, SKU → count. */
export const DEFAULT_SEED_STOCK = '{"SKU-BOOK":100,"SKU-PEN":500,"SKU-LAMP":5}';

/** The inventory participant's own settings; the shared ones (AMQP_URL, …) are the runtime's BaseConfig. */
export const InventoryConfig = z.object({
  /** JSON object SKU → count, applied only when the warehouse does not exist yet. */
  INVENTORY_SEED_STOCK: z
    .string()
    .default(DEFAULT_SEED_STOCK)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.issues.push({ code: 'custom', message: 'must be a JSON object of SKU → count', input: text });
        return z.NEVER;
      }
    })
    .pipe(z.record(Sku, z.int().min(0))),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;
