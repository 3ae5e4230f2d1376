import { describe, expect, it } from 'vitest';
import { exampleOrder, orderSystem } from '@order-fulfilment/contracts';
import { definitionProblems, type AnySagaDefinition } from '@saga/orchestrator';
import { createSagaTestHarness } from '@saga/orchestrator/testing';
import { orderSagas } from './index.ts';
import { orderFulfilment } from './order-fulfilment.ts';
import { orderFulfilmentV2 } from './order-fulfilment-v2.ts';

const items = exampleOrder.items;
const harness = (definitions: readonly AnySagaDefinition[] = orderSagas) => createSagaTestHarness({ system: orderSystem, definitions });

describe('the order-fulfilment sagas', () => {
  it('keep every rule of a saga definition, both versions', () => {
    expect(definitionProblems(orderFulfilment)).toEqual([]);
    expect(definitionProblems(orderFulfilmentV2)).toEqual([]);
  });

  it('plays a whole order-fulfilment conversation without broker or database', async () => {
    const h = harness();
    await h.start('order-fulfilment', exampleOrder);
    await h.reply('InventoryReserved', { reservationId: 'r-1', items });
    await h.reply('PaymentProcessed', { paymentId: 'p-1', amount: exampleOrder.amount });
    await h.reply('ShipmentCreated', { shipmentId: 's-1', trackingNumber: 'TRK-9' });
    await h.reply('ConfirmationSent', { notificationId: 'n-1' });
    await h.reply('DispatchNoticeSent', { notificationId: 'n-2' });
    expect(h.commandTypes()).toEqual(['ReserveInventory', 'ProcessPayment', 'CreateShipment', 'SendConfirmation', 'SendDispatchNotice']);
    expect(await h.saga()).toMatchObject({ status: 'completed', definitionVersion: 2, outbox: [] });
  });

  it('ships v2 of a saga while v1 sagas are in flight: each runs the version it started with', async () => {
    const h = harness([orderFulfilment]);
    const v1 = await h.start('order-fulfilment', exampleOrder);
    await h.reply('InventoryReserved', { reservationId: 'r-1', items });
    const payment = h.lastCommand();
    // The new build deploys v2 beside v1; the orchestrator restarts over the same store.
    h.redeploy([orderFulfilment, orderFulfilmentV2]);
    const v2 = await h.start('order-fulfilment', { ...exampleOrder, orderId: 'order-2' });
    expect(await h.saga(v2)).toMatchObject({ definitionVersion: 2 });
    await h.reply('PaymentProcessed', { paymentId: 'p-1', amount: exampleOrder.amount }, payment);
    await h.reply('ShipmentCreated', { shipmentId: 's-1', trackingNumber: 'TRK-9' }, h.publisher.sent.findLast((c) => c.envelope.correlationId === v1)!);
    await h.reply('ConfirmationSent', { notificationId: 'n-1' }, h.publisher.sent.findLast((c) => c.envelope.correlationId === v1)!);
    expect(await h.saga(v1)).toMatchObject({ status: 'completed', definitionVersion: 1 });
    expect(Object.keys((await h.saga(v2)).steps)).toContain('send-dispatch-notice');
  });

  it('shows the compensation a declined payment causes', async () => {
    const h = harness();
    await h.start('order-fulfilment', exampleOrder);
    await h.reply('InventoryReserved', { reservationId: 'r-1', items });
    await h.reply('PaymentDeclined', { code: 'LIMIT_EXCEEDED', reason: 'too much', retryable: false });
    expect(h.lastCommand().envelope.type).toBe('ReleaseInventory');
    await h.reply('InventoryReleased', { outcome: 'compensated' });
    expect(await h.saga()).toMatchObject({ status: 'compensated', failure: { step: 'process-payment', code: 'LIMIT_EXCEEDED' } });
  });

  it('refuses to start a saga whose input breaks the definition', async () => {
    const h = harness();
    await expect(h.start('order-fulfilment', { orderId: 'o-1' })).rejects.toThrow('ERR_INVALID_SAGA_INPUT');
  });
});
