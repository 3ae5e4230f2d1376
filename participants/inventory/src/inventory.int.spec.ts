// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandsOf, PayloadOf } from '@saga/contracts';
import { orderSystem, type OrderSystem } from '@order-fulfilment/contracts';
import type { DocumentCollection, LedgerDocument, ParticipantDefinition } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { createInventoryParticipant } from './participant.ts';

const SEED = { 'SKU-BOOK': 10, 'SKU-LAMP': 1 };
let spec: ParticipantDatabase;
let inventory: ParticipantDefinition<OrderSystem, 'inventory'>;
let warehouses: DocumentCollection<LedgerDocument>;

beforeAll(async () => {
  spec = await openParticipantDatabase('inventory');
  warehouses = spec.db.collection<LedgerDocument>('warehouses');
});

afterAll(() => spec?.drop());

beforeEach(async () => {
  await warehouses.deleteMany({});
  inventory = await createInventoryParticipant(spec.db, { seedStock: SEED });
});

const command = <C extends CommandsOf<OrderSystem, 'inventory'>>(type: C, sagaId: string, payload: PayloadOf<OrderSystem, C>) =>
  handlerContext(orderSystem, type, sagaId, 'reserve-inventory', payload);

const reserve = (sagaId: string, items: PayloadOf<OrderSystem, 'ReserveInventory'>['items']) =>
  inventory.handles.ReserveInventory(command('ReserveInventory', sagaId, { orderId: `order-${sagaId}`, items }));
const release = (sagaId: string) => inventory.handles.ReleaseInventory(command('ReleaseInventory', sagaId, { orderId: `order-${sagaId}` }));

async function stock(): Promise<Record<string, number>> {
  const warehouse = await warehouses.findOne({ _id: 'main' });
  return warehouse?.['stock'] as Record<string, number>;
}

describe('ReserveInventory', () => {
  it('reserves every line, summing lines of the same SKU', async () => {
    const items = [
      { sku: 'SKU-BOOK', quantity: 2 },
      { sku: 'SKU-BOOK', quantity: 3 },
      { sku: 'SKU-LAMP', quantity: 1 },
    ];

    const reply = await reserve('saga-a', items);

    expect(reply).toEqual({ type: 'InventoryReserved', payload: { reservationId: 'saga-a:reserve-inventory', items } });
    expect(await stock()).toEqual({ 'SKU-BOOK': 5, 'SKU-LAMP': 0 });
  });

  it('refuses with INSUFFICIENT_STOCK and reserves nothing when one line is short', async () => {
    const reply = await reserve('saga-a', [
      { sku: 'SKU-BOOK', quantity: 2 },
      { sku: 'SKU-LAMP', quantity: 2 },
    ]);

    expect(reply).toEqual({
      type: 'InventoryReservationFailed',
      payload: { code: 'INSUFFICIENT_STOCK', reason: 'SKU-LAMP: 2 requested, 1 available', retryable: false },
    });
    expect(await stock()).toEqual(SEED);
  });

  it('refuses with UNKNOWN_SKU when a SKU is not stocked', async () => {
    const reply = await reserve('saga-a', [{ sku: 'SKU-GHOST', quantity: 1 }]);

    expect(reply).toMatchObject({ type: 'InventoryReservationFailed', payload: { code: 'UNKNOWN_SKU', retryable: false } });
    expect(reply.payload).toMatchObject({ reason: expect.stringContaining('SKU-GHOST') });
    expect(await stock()).toEqual(SEED);
  });

  it('answers a repeated command with the recorded reservation and takes no more stock', async () => {
    const first = await reserve('saga-a', [{ sku: 'SKU-BOOK', quantity: 4 }]);
    const again = await reserve('saga-a', [{ sku: 'SKU-BOOK', quantity: 4 }]);

    expect(again).toEqual(first);
    expect(await stock()).toMatchObject({ 'SKU-BOOK': 6 });
  });

  it('repeats a recorded refusal even after stock has arrived', async () => {
    const first = await reserve('saga-a', [{ sku: 'SKU-LAMP', quantity: 3 }]);
    await warehouses.updateOne({ _id: 'main' }, { $set: { 'stock.SKU-LAMP': 50 } });

    const again = await reserve('saga-a', [{ sku: 'SKU-LAMP', quantity: 3 }]);

    expect(again).toEqual(first);
    expect(await stock()).toMatchObject({ 'SKU-LAMP': 50 });
  });

  it('is serialized on the one warehouse document, whatever the saga', () => {
    const key = (sagaId: string, type: 'ReserveInventory' | 'ReleaseInventory') =>
      inventory.serializeOn?.({ sagaId, type, payload: { orderId: 'order-1', items: [] } });

    expect(key('saga-a', 'ReserveInventory')).toBe('warehouse:main');
    expect(key('saga-b', 'ReleaseInventory')).toBe('warehouse:main');
  });
});

describe('ReleaseInventory', () => {
  it('puts the reserved stock back, exactly once', async () => {
    await reserve('saga-a', [
      { sku: 'SKU-BOOK', quantity: 2 },
      { sku: 'SKU-BOOK', quantity: 1 },
      { sku: 'SKU-LAMP', quantity: 1 },
    ]);

    const first = await release('saga-a');
    const again = await release('saga-a');

    expect(first).toEqual({ type: 'InventoryReleased', payload: { outcome: 'compensated' } });
    expect(again).toEqual({ type: 'InventoryReleased', payload: { outcome: 'compensated' } });
    expect(await stock()).toEqual(SEED);
  });

  it('has nothing to release after a refused reservation', async () => {
    await reserve('saga-a', [{ sku: 'SKU-LAMP', quantity: 2 }]);

    expect(await release('saga-a')).toEqual({ type: 'InventoryReleased', payload: { outcome: 'nothing-to-compensate' } });
    expect(await stock()).toEqual(SEED);
  });

  it('records a release that overtakes its reservation, and refuses the late reservation', async () => {
    const early = await release('saga-a');
    const late = await reserve('saga-a', [{ sku: 'SKU-BOOK', quantity: 1 }]);

    expect(early).toEqual({ type: 'InventoryReleased', payload: { outcome: 'nothing-to-compensate' } });
    expect(late).toMatchObject({ type: 'InventoryReservationFailed', payload: { code: 'ALREADY_COMPENSATED', retryable: false } });
    expect(await stock()).toEqual(SEED);
  });
});

describe('seeding', () => {
  it('never resets an existing warehouse', async () => {
    await reserve('saga-a', [{ sku: 'SKU-BOOK', quantity: 4 }]);

    await createInventoryParticipant(spec.db, { seedStock: { 'SKU-BOOK': 1000 } });

    expect(await stock()).toEqual({ 'SKU-BOOK': 6, 'SKU-LAMP': 1 });
    expect(await reserve('saga-a', [{ sku: 'SKU-BOOK', quantity: 4 }])).toMatchObject({ type: 'InventoryReserved' });
  });
});
