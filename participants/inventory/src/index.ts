/**
 * @order-fulfilment/inventory — the inventory participant: reserves stock for an order (all lines or nothing)
 * and releases it as compensation. One warehouse document holds the stock and the idempotency
 * markers, so each reservation is one guarded update. Run it with `node src/main.ts`; import it
 * only to build the participant in a test or another composition root — never from another
 * participant or the orchestrator.
 *
 * @example
 *   const inventory = await createInventoryParticipant(db, { seedStock: { 'SKU-BOOK': 100 } });
 *   await runParticipant(inventory, { broker, logger, prefetch: 32, maxBytes: 262144 });
 */
export { createInventoryParticipant, type InventoryOptions } from './participant.ts';
export { InventoryConfig, DEFAULT_SEED_STOCK } from './config.ts';
export { stockShortfall, sumBySku, type Quantities } from './stock-rules.ts';
export { WAREHOUSE_ID } from './warehouse.ts';
