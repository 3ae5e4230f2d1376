import { z } from 'zod';
import { CustomerId, OrderId, Sku } from './ids.ts';

export const OrderLine = z
  .object({ sku: Sku, quantity: z.int().min(1).max(10_000) })
  .meta({ id: 'OrderLine' });
export type OrderLine = z.infer<typeof OrderLine>;

export const Money = z
  .object({
    cents: z.int().min(1).max(100_000_000).describe('Amount in minor units.'),
    currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 code.'),
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof Money>;

export const ShippingAddress = z
  .object({
    name: z.string().min(1).max(200),
    line1: z.string().min(1).max(200),
    city: z.string().min(1).max(100),
    postalCode: z.string().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/).describe('ISO 3166-1 alpha-2 code.'),
  })
  .meta({ id: 'ShippingAddress', description: 'Personal data: never logged.' });
export type ShippingAddress = z.infer<typeof ShippingAddress>;

/** Input of the order-fulfilment saga (StartSaga.input when sagaType is `order-fulfilment`). */
export const OrderFulfilmentInput = z
  .object({
    orderId: OrderId,
    customerId: CustomerId,
    email: z.email().max(254).describe('Personal data: never logged.'),
    items: z.array(OrderLine).min(1).max(50),
    amount: Money,
    shippingAddress: ShippingAddress,
  })
  .meta({ id: 'OrderFulfilmentInput' });
export type OrderFulfilmentInput = z.infer<typeof OrderFulfilmentInput>;

export const exampleOrder: OrderFulfilmentInput = {
  orderId: 'order-1001',
  customerId: 'customer-42',
  email: 'ada@example.com',
  items: [{ sku: 'SKU-BOOK', quantity: 2 }],
  amount: { cents: 4_998, currency: 'EUR' },
  shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
};
