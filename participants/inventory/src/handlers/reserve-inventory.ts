import { type OrderSystem } from '@order-fulfilment/contracts';
import type { FailureReason } from '@saga/contracts';
import type { InventoryReserved } from '@order-fulfilment/contracts';
import { actionReply, SagaError, type Handler, type Ledger } from '@saga/runtime';
import { stockChange, stockGuard, stockShortfall, sumBySku } from '../stock-rules.ts';
import { stockOf, WAREHOUSE_ID } from '../warehouse.ts';

/**
 * ReserveInventory: all lines or nothing. One guarded update checks every SKU and takes the stock,
 * and records the reservation in the same document, so a repeat replies with what was recorded.
 */
export function reserveInventory(ledger: Ledger): Handler<OrderSystem, 'ReserveInventory'> {
  return async ({ key, payload, log }) => {
    const wanted = sumBySku(payload.items);
    const outcome = await ledger.act<InventoryReserved, FailureReason>(WAREHOUSE_ID, key, {
      guard: stockGuard(wanted),
      effect: { $inc: stockChange(wanted, -1) },
      result: { reservationId: key, items: payload.items },
      refusal: (warehouse) => {
        const shortfall = stockShortfall(stockOf(warehouse), wanted);
        // The guard failed but the stock now suffices: someone else wrote in between (commands are
        // serialized on the warehouse, so only another process can). Retry rather than record a refusal.
        if (!shortfall) throw new SagaError('ERR_CONCURRENCY_CONFLICT', 'warehouse changed during the reservation');
        return shortfall;
      },
    });
    return actionReply(outcome, { succeeded: 'InventoryReserved', failed: 'InventoryReservationFailed', lateReason: 'the reservation was released before it arrived; nothing was reserved' }, log);
  };
}
