import { orderSystem } from '@order-fulfilment/contracts';
import { loadConfig, participantMain } from '@saga/runtime';
import { ShippingConfig } from './config.ts';
import { createShippingParticipant } from './participant.ts';

// Parsed before connecting, so a bad SHIPPING_COUNTRIES stops the process before it touches anything.
const config = loadConfig(ShippingConfig);

await participantMain({
  system: orderSystem,
  name: 'shipping',
  collections: ['shipments'],
  create: async (db) => createShippingParticipant(db, { countries: config.SHIPPING_COUNTRIES }),
});
