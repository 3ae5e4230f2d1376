import { Identifier } from '@saga/contracts';
import { z } from 'zod';

export const Sku = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'must be 1-32 upper-case letters, digits or "-"')
  .meta({ id: 'Sku', description: 'Stock keeping unit.' });

export const CustomerId = Identifier.meta({ id: 'CustomerId', description: 'Customer id.' });

export const OrderId = Identifier.meta({ id: 'OrderId', description: 'Order id, chosen by the client.' });
