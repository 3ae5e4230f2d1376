import { orderSystem } from '@order-fulfilment/contracts';
import { loadConfig, participantMain } from '@saga/runtime';
import { InventoryConfig } from './config.ts';
import { createInventoryParticipant } from './participant.ts';

// Parsed before connecting, so a bad INVENTORY_SEED_STOCK stops the process before it touches anything.
const config = loadConfig(InventoryConfig);

await participantMain({
  system: orderSystem,
  name: 'inventory',
  collections: ['warehouses', 'warehouse_markers'],
  create: (db) => createInventoryParticipant(db, { seedStock: config.INVENTORY_SEED_STOCK }),
});
