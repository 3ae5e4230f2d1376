import { z } from 'zod';
import { defineMessage } from '@saga/contracts';
import { CompensationFailure, CompensationOutcome, FailureReason } from '@saga/contracts';
import { OrderId } from './ids.ts';
import { OrderLine, ShippingAddress } from './order.ts';

export const CreateShipment = z
  .object({ orderId: OrderId, items: z.array(OrderLine).min(1).max(50), address: ShippingAddress })
  .meta({ id: 'CreateShipment' });
export type CreateShipment = z.infer<typeof CreateShipment>;
export const ShipmentCreated = z.object({ shipmentId: z.string(), trackingNumber: z.string() }).meta({ id: 'ShipmentCreated' });
export type ShipmentCreated = z.infer<typeof ShipmentCreated>;
export const ShipmentRejected = FailureReason.meta({ id: 'ShipmentRejected' });
export type ShipmentRejected = z.infer<typeof ShipmentRejected>;
export const CancelShipment = z.object({ orderId: OrderId }).meta({ id: 'CancelShipment' });
export type CancelShipment = z.infer<typeof CancelShipment>;
export const ShipmentCancelled = CompensationOutcome.meta({ id: 'ShipmentCancelled' });
export type ShipmentCancelled = z.infer<typeof ShipmentCancelled>;

const common = { version: 1 } as const;
const address = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

export const shippingMessages = {
  CreateShipment: defineMessage({
    ...common, type: 'CreateShipment', kind: 'command', from: 'orchestrator', to: 'shipping', payload: CreateShipment,
    description: 'Book a shipment to a destination the carrier serves.',
    example: { orderId: 'order-1001', items: [{ sku: 'SKU-BOOK', quantity: 2 }], address },
  }),
  ShipmentCreated: defineMessage({
    ...common, type: 'ShipmentCreated', kind: 'reply', from: 'shipping', to: 'orchestrator', payload: ShipmentCreated,
    answers: 'CreateShipment', outcome: 'succeeded', description: 'The shipment is booked.',
    example: { shipmentId: 'ship-order-1001', trackingNumber: 'TRK-0001' },
  }),
  ShipmentRejected: defineMessage({
    ...common, type: 'ShipmentRejected', kind: 'reply', from: 'shipping', to: 'orchestrator', payload: ShipmentRejected,
    answers: 'CreateShipment', outcome: 'failed', description: 'No shipment was booked.',
    example: { code: 'DESTINATION_NOT_SERVED', reason: 'country AQ is not served', retryable: false },
  }),
  CancelShipment: defineMessage({
    ...common, type: 'CancelShipment', kind: 'command', from: 'orchestrator', to: 'shipping', payload: CancelShipment,
    description: 'Compensation of CreateShipment: cancel the booking.',
    example: { orderId: 'order-1001' },
  }),
  ShipmentCancelled: defineMessage({
    ...common, type: 'ShipmentCancelled', kind: 'reply', from: 'shipping', to: 'orchestrator', payload: ShipmentCancelled,
    answers: 'CancelShipment', outcome: 'compensated', description: 'The booking is cancelled (or there was none).',
    example: { outcome: 'compensated' },
  }),
  ShipmentCancellationFailed: defineMessage({
    ...common, type: 'ShipmentCancellationFailed', kind: 'reply', from: 'shipping', to: 'orchestrator', payload: CompensationFailure,
    answers: 'CancelShipment', outcome: 'failed',
    description: 'The cancellation could not be done now (a transient fault); the orchestrator retries it within its compensation budget.',
    example: { code: 'TRANSIENT_FAILURE', reason: 'the shipping database did not answer', retryable: true },
  }),
};
