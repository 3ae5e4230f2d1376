import { type OrderSystem } from '@order-fulfilment/contracts';
import type { InventoryReserved } from '@order-fulfilment/contracts';
import type { Handler, Ledger } from '@saga/runtime';
import { stockChange, sumBySku } from '../stock-rules.ts';
import { WAREHOUSE_ID } from '../warehouse.ts';

/**
 * ReleaseInventory: puts back exactly what the reservation recorded. The command carries only the
 * order id, so the quantities come from the ledger, never from the message.
 */
export function releaseInventory(ledger: Ledger): Handler<OrderSystem, 'ReleaseInventory'> {
  return async ({ key }) => {
    const outcome = await ledger.compensate<InventoryReserved>(WAREHOUSE_ID, key, (reserved) => ({
      $inc: stockChange(sumBySku(reserved.items), 1),
    }));
    return { type: 'InventoryReleased', payload: { outcome: outcome.kind } };
  };
}
