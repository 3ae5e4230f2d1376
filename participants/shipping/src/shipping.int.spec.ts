// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandsOf, PayloadOf } from '@saga/contracts';
import { orderSystem, type OrderSystem, type ShippingAddress } from '@order-fulfilment/contracts';
import { Ledger, type DocumentCollection, type LedgerDocument, type ParticipantDefinition } from '@saga/runtime';
import { handlerContext, openParticipantDatabase, type ParticipantDatabase } from '@saga/runtime/testing';
import { createShippingParticipant } from './participant.ts';
import { trackingNumberFor } from './shipment-rules.ts';

const STEP = 'create-shipment';
const ITEMS = [{ sku: 'SKU-BOOK', quantity: 2 }];
let spec: ParticipantDatabase;
let shipments: DocumentCollection<LedgerDocument>;
let shipping: ParticipantDefinition<OrderSystem, 'shipping'>;

beforeAll(async () => {
  spec = await openParticipantDatabase('shipping');
  shipments = spec.db.collection<LedgerDocument>('shipments');
  shipping = createShippingParticipant(spec.db, { countries: ['GB', 'FR'] });
});

afterAll(() => spec?.drop());

const command = <C extends CommandsOf<OrderSystem, 'shipping'>>(type: C, sagaId: string, payload: PayloadOf<OrderSystem, C>) =>
  handlerContext(orderSystem, type, sagaId, STEP, payload);

/** Every test uses its own saga, so shipment documents never collide. */
const newSaga = () => `saga-${randomUUID()}`;
const address = (country: string): ShippingAddress => ({ name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country });
const book = (sagaId: string, country = 'GB') =>
  shipping.handles.CreateShipment(command('CreateShipment', sagaId, { orderId: `order-${sagaId}`, items: ITEMS, address: address(country) }));
const cancel = (sagaId: string) => shipping.handles.CancelShipment(command('CancelShipment', sagaId, { orderId: `order-${sagaId}` }));
const shipment = (sagaId: string) => shipments.findOne({ _id: Ledger.key(sagaId, STEP) });

describe('CreateShipment', () => {
  it('books a shipment with a tracking number derived from the saga step', async () => {
    const saga = newSaga();
    const key = Ledger.key(saga, STEP);

    const reply = await book(saga);

    expect(reply).toEqual({ type: 'ShipmentCreated', payload: { shipmentId: key, trackingNumber: trackingNumberFor(key) } });
    expect(await shipment(saga)).toMatchObject({
      orderId: `order-${saga}`,
      status: 'booked',
      trackingNumber: trackingNumberFor(key),
      country: 'GB',
      items: ITEMS,
      address: address('GB'),
    });
  });

  it('rejects a destination the carrier does not serve with DESTINATION_NOT_SERVED, and books nothing', async () => {
    const saga = newSaga();

    const reply = await book(saga, 'AQ');

    expect(reply).toEqual({ type: 'ShipmentRejected', payload: { code: 'DESTINATION_NOT_SERVED', reason: 'country AQ is not served', retryable: false } });
    expect(await shipment(saga)).not.toHaveProperty('status');
  });

  it('answers a repeated command with the recorded booking and keeps one document', async () => {
    const saga = newSaga();
    const first = await book(saga);

    const again = await book(saga);

    expect(again).toEqual(first);
    // _id is unique: one document at most, and it must be there.
    expect(await shipments.findOne({ _id: Ledger.key(saga, STEP) })).not.toBeNull();
  });

  it('repeats a recorded rejection, whatever the repeat says', async () => {
    const saga = newSaga();
    const first = await book(saga, 'AQ');

    expect(await book(saga, 'GB')).toEqual(first);
    expect(await shipment(saga)).not.toHaveProperty('status');
  });
});

describe('CancelShipment', () => {
  it('cancels a booking, once', async () => {
    const saga = newSaga();
    await book(saga);

    const first = await cancel(saga);
    const again = await cancel(saga);

    expect(first).toEqual({ type: 'ShipmentCancelled', payload: { outcome: 'compensated' } });
    expect(again).toEqual({ type: 'ShipmentCancelled', payload: { outcome: 'compensated' } });
    expect(await shipment(saga)).toMatchObject({ status: 'cancelled' });
  });

  it('has nothing to cancel after a rejection', async () => {
    const saga = newSaga();
    await book(saga, 'AQ');

    expect(await cancel(saga)).toEqual({ type: 'ShipmentCancelled', payload: { outcome: 'nothing-to-compensate' } });
  });

  it('records a cancellation that overtakes its booking, and rejects the late booking', async () => {
    const saga = newSaga();

    const early = await cancel(saga);
    const late = await book(saga);

    expect(early).toEqual({ type: 'ShipmentCancelled', payload: { outcome: 'nothing-to-compensate' } });
    expect(late).toMatchObject({ type: 'ShipmentRejected', payload: { code: 'ALREADY_COMPENSATED', retryable: false } });
    expect(await shipment(saga)).not.toHaveProperty('status');
  });
});
