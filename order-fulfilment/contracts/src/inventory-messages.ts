import { z } from 'zod';
import { defineMessage } from '@saga/contracts';
import { CompensationFailure, CompensationOutcome, FailureReason } from '@saga/contracts';
import { OrderId } from './ids.ts';
import { OrderLine } from './order.ts';

export const ReserveInventory = z.object({ orderId: OrderId, items: z.array(OrderLine).min(1).max(50) }).meta({ id: 'ReserveInventory' });
export type ReserveInventory = z.infer<typeof ReserveInventory>;
export const InventoryReserved = z.object({ reservationId: z.string(), items: z.array(OrderLine) }).meta({ id: 'InventoryReserved' });
export type InventoryReserved = z.infer<typeof InventoryReserved>;
export const InventoryReservationFailed = FailureReason.meta({ id: 'InventoryReservationFailed' });
export type InventoryReservationFailed = z.infer<typeof InventoryReservationFailed>;
export const ReleaseInventory = z.object({ orderId: OrderId }).meta({ id: 'ReleaseInventory' });
export type ReleaseInventory = z.infer<typeof ReleaseInventory>;
export const InventoryReleased = CompensationOutcome.meta({ id: 'InventoryReleased' });
export type InventoryReleased = z.infer<typeof InventoryReleased>;

const items = [{ sku: 'SKU-BOOK', quantity: 2 }];
const common = { version: 1 } as const;

export const inventoryMessages = {
  ReserveInventory: defineMessage({
    ...common, type: 'ReserveInventory', kind: 'command', from: 'orchestrator', to: 'inventory', payload: ReserveInventory,
    description: 'Reserve stock for every line of an order, all or nothing.',
    example: { orderId: 'order-1001', items },
  }),
  InventoryReserved: defineMessage({
    ...common, type: 'InventoryReserved', kind: 'reply', from: 'inventory', to: 'orchestrator', payload: InventoryReserved,
    answers: 'ReserveInventory', outcome: 'succeeded', description: 'Stock is reserved.',
    example: { reservationId: 'order-1001', items },
  }),
  InventoryReservationFailed: defineMessage({
    ...common, type: 'InventoryReservationFailed', kind: 'reply', from: 'inventory', to: 'orchestrator', payload: InventoryReservationFailed,
    answers: 'ReserveInventory', outcome: 'failed', description: 'Stock could not be reserved; nothing was reserved.',
    example: { code: 'INSUFFICIENT_STOCK', reason: 'SKU-BOOK: 2 requested, 1 available', retryable: false },
  }),
  ReleaseInventory: defineMessage({
    ...common, type: 'ReleaseInventory', kind: 'command', from: 'orchestrator', to: 'inventory', payload: ReleaseInventory,
    description: 'Compensation of ReserveInventory: put reserved stock back.',
    example: { orderId: 'order-1001' },
  }),
  InventoryReleased: defineMessage({
    ...common, type: 'InventoryReleased', kind: 'reply', from: 'inventory', to: 'orchestrator', payload: InventoryReleased,
    answers: 'ReleaseInventory', outcome: 'compensated', description: 'Reserved stock is back (or there was nothing to release).',
    example: { outcome: 'compensated' },
  }),
  InventoryReleaseFailed: defineMessage({
    ...common, type: 'InventoryReleaseFailed', kind: 'reply', from: 'inventory', to: 'orchestrator', payload: CompensationFailure,
    answers: 'ReleaseInventory', outcome: 'failed',
    description: 'The release could not be done now (a transient fault); the orchestrator retries it within its compensation budget.',
    example: { code: 'TRANSIENT_FAILURE', reason: 'the inventory database did not answer', retryable: true },
  }),
};
