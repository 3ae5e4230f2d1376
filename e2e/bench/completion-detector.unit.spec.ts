import { describe, expect, it } from 'vitest';
import { lifecycleEventDetector, replyDetector, type TapMessage } from './completion-detector.ts';

const reply = (type: string, sagaId: string, payload: Record<string, unknown> = {}): TapMessage => ({
  routingKey: 'p1',
  type,
  correlationId: sagaId,
  body: () => ({ type, correlationId: sagaId, payload }),
});

describe('the reply-tap completion detector', () => {
  it('ends a saga at ConfirmationSent, and ignores the replies before it', () => {
    const detector = replyDetector();
    expect(detector.observe(reply('InventoryReserved', 's1'))).toBeUndefined();
    expect(detector.observe(reply('PaymentProcessed', 's1'))).toBeUndefined();
    expect(detector.observe(reply('ShipmentCreated', 's1'))).toBeUndefined();
    expect(detector.observe(reply('ConfirmationSent', 's1'))).toEqual({ sagaId: 's1', outcome: 'completed' });
  });

  it('ends a compensating saga at the release of its first step, not at the refusal', () => {
    const detector = replyDetector();
    expect(detector.observe(reply('PaymentDeclined', 's2', { code: 'LIMIT_EXCEEDED', retryable: false }))).toBeUndefined();
    expect(detector.observe(reply('InventoryReleased', 's2'))).toEqual({ sagaId: 's2', outcome: 'compensated' });
  });

  it('ends a saga refused at its first step at once, but not one whose first step failed transiently', () => {
    const detector = replyDetector();
    expect(detector.observe(reply('InventoryReservationFailed', 's3', { code: 'INSUFFICIENT_STOCK', retryable: false }))).toEqual({ sagaId: 's3', outcome: 'compensated' });
    expect(detector.observe(reply('InventoryReservationFailed', 's4', { code: 'TRANSIENT', retryable: true }))).toBeUndefined();
  });

  it('reports each saga once, however often its last reply is delivered', () => {
    const detector = replyDetector();
    expect(detector.observe(reply('ConfirmationSent', 's5'))).toBeDefined();
    expect(detector.observe(reply('ConfirmationSent', 's5'))).toBeUndefined();
    expect(detector.observe(reply('InventoryReleased', 's5'))).toBeUndefined();
  });

  it('ignores messages without a type or saga id (forwarded StartSagas carry both; wake-ups end nothing)', () => {
    const detector = replyDetector();
    expect(detector.observe({ routingKey: 'p0', type: undefined, correlationId: 's6', body: () => ({}) })).toBeUndefined();
    expect(detector.observe(reply('WakeSaga', 's6'))).toBeUndefined();
  });
});

describe('the lifecycle-event completion detector', () => {
  const event = (routingKey: string, sagaId?: string): TapMessage => ({ routingKey, type: 'SagaCompleted', correlationId: sagaId, body: () => ({ payload: { sagaId: 'from-body' } }) });

  it('maps each event of its saga type to an outcome, the saga id from the properties or the body', () => {
    const detector = lifecycleEventDetector('order-fulfilment');
    expect(detector.observe(event('order-fulfilment.saga-completed', 'a'))).toEqual({ sagaId: 'a', outcome: 'completed' });
    expect(detector.observe(event('order-fulfilment.saga-parked', 'b'))).toEqual({ sagaId: 'b', outcome: 'parked' });
    expect(detector.observe(event('order-fulfilment.saga-compensated'))).toEqual({ sagaId: 'from-body', outcome: 'compensated' });
  });

  it('ignores other saga types and other events', () => {
    const detector = lifecycleEventDetector('order-fulfilment');
    expect(detector.observe(event('refund.saga-completed', 'c'))).toBeUndefined();
    expect(detector.observe(event('order-fulfilment.step-succeeded', 'c'))).toBeUndefined();
  });
});
