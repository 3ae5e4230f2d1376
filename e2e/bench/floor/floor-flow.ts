/**
 * The order-fulfilment flow of the floor, as plain data and two functions: what a saga waits for
 * next, and how a reply moves it. Reply type names are the project's, so one completion detector
 * serves both systems.
 */
export const FLOOR_STEPS = [
  { participant: 'inventory', action: 'ReserveInventory', ok: 'InventoryReserved', failed: 'InventoryReservationFailed', compensation: 'ReleaseInventory', compensated: 'InventoryReleased' },
  { participant: 'payment', action: 'ProcessPayment', ok: 'PaymentProcessed', failed: 'PaymentDeclined', compensation: 'RefundPayment', compensated: 'PaymentRefunded' },
  { participant: 'shipping', action: 'CreateShipment', ok: 'ShipmentCreated', failed: 'ShipmentRejected', compensation: 'CancelShipment', compensated: 'ShipmentCancelled' },
  // The pivot: nothing after it can fail, so it has no compensation.
  { participant: 'notification', action: 'SendConfirmation', ok: 'ConfirmationSent', failed: 'ConfirmationFailed', compensation: undefined, compensated: undefined },
] as const;

export interface FloorOrder {
  orderId: string;
  customerId: string;
  email: string;
  /** The floor books one order line (the bench's orders have one). */
  items: Array<{ sku: string; quantity: number }>;
  amount: { cents: number; currency: string };
  shippingAddress: { country: string } & Record<string, string>;
}

/** The saga document: written once at the start and once per transition. */
export interface FloorSaga {
  _id: string;
  version: number;
  status: 'running' | 'compensating' | 'completed' | 'compensated';
  /** Index into FLOOR_STEPS of the step whose action (running) or compensation (compensating) is awaited. */
  step: number;
  input: FloorOrder;
  trackingNumber?: string;
  failure?: { step: number; code: string };
  createdAt: string;
  updatedAt: string;
}

export type SagaChange = Partial<Pick<FloorSaga, 'status' | 'step' | 'trackingNumber' | 'failure'>>;

/** What a reply changes, or undefined when it is not the reply the saga waits for (a duplicate). */
export function advance(saga: FloorSaga, type: string, payload: Record<string, unknown>): SagaChange | undefined {
  const step = FLOOR_STEPS[saga.step]!;
  if (saga.status === 'running' && type === step.ok) {
    const tracking = type === 'ShipmentCreated' ? { trackingNumber: String(payload['trackingNumber']) } : {};
    return saga.step === FLOOR_STEPS.length - 1 ? { status: 'completed' } : { step: saga.step + 1, ...tracking };
  }
  if (saga.status === 'running' && type === step.failed) {
    const failure = { step: saga.step, code: String(payload['code']) };
    // Compensate the steps before the failed one, nearest first; none before the first step.
    return saga.step === 0 ? { status: 'compensated', failure } : { status: 'compensating', step: saga.step - 1, failure };
  }
  if (saga.status === 'compensating' && type === step.compensated) {
    return saga.step === 0 ? { status: 'compensated' } : { step: saga.step - 1 };
  }
  return undefined;
}

/** The command a running or compensating saga waits on: participant, type and payload. */
export function awaitedCommand(saga: FloorSaga): { to: string; type: string; payload: Record<string, unknown> } | undefined {
  if (saga.status !== 'running' && saga.status !== 'compensating') return undefined;
  const step = FLOOR_STEPS[saga.step]!;
  const type = saga.status === 'running' ? step.action : step.compensation;
  if (!type) return undefined;
  const { input } = saga;
  const line = input.items[0]!;
  const payloads: Record<string, Record<string, unknown>> = {
    ReserveInventory: { sku: line.sku, quantity: line.quantity },
    ReleaseInventory: { sku: line.sku, quantity: line.quantity },
    ProcessPayment: { customerId: input.customerId, cents: input.amount.cents },
    RefundPayment: { customerId: input.customerId, cents: input.amount.cents },
    CreateShipment: { orderId: input.orderId, items: input.items, address: input.shippingAddress },
    CancelShipment: {},
    SendConfirmation: { orderId: input.orderId, email: input.email, trackingNumber: saga.trackingNumber },
  };
  return { to: step.participant, type, payload: payloads[type]! };
}
