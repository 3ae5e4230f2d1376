import { describe, expect, it } from 'vitest';
import { exampleOrder } from '@saga/contracts';
import { createSagaTestHarness } from './saga-test-harness.ts';

const items = exampleOrder.items;

describe('the saga test harness', () => {
  it('plays a whole order-fulfilment conversation without broker or database', async () => {
    const h = createSagaTestHarness();
    await h.start('order-fulfilment', exampleOrder);
    await h.reply('InventoryReserved', { reservationId: 'r-1', items });
    await h.reply('PaymentProcessed', { paymentId: 'p-1', amount: exampleOrder.amount });
    await h.reply('ShipmentCreated', { shipmentId: 's-1', trackingNumber: 'TRK-9' });
    await h.reply('ConfirmationSent', { notificationId: 'n-1' });
    expect(h.commandTypes()).toEqual(['ReserveInventory', 'ProcessPayment', 'CreateShipment', 'SendConfirmation']);
    expect(await h.saga()).toMatchObject({ status: 'completed', outbox: [] });
  });

  it('shows the compensation a declined payment causes', async () => {
    const h = createSagaTestHarness();
    await h.start('order-fulfilment', exampleOrder);
    await h.reply('InventoryReserved', { reservationId: 'r-1', items });
    await h.reply('PaymentDeclined', { code: 'LIMIT_EXCEEDED', reason: 'too much', retryable: false });
    expect(h.lastCommand().envelope.type).toBe('ReleaseInventory');
    await h.reply('InventoryReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'process-payment', code: 'LIMIT_EXCEEDED' } });
  });

  it('refuses to start a saga whose input breaks the definition', async () => {
    const h = createSagaTestHarness();
    await expect(h.start('order-fulfilment', { orderId: 'o-1' })).rejects.toThrow('ERR_INVALID_SAGA_INPUT');
  });
});
