import { describe, expect, it } from 'vitest';
import { destinationRefusal, trackingNumberFor } from './shipment-rules.ts';

describe('trackingNumberFor', () => {
  it('gives the same booking the same tracking number every time', () => {
    expect(trackingNumberFor('saga-a:create-shipment')).toBe(trackingNumberFor('saga-a:create-shipment'));
  });

  it('gives different bookings different tracking numbers', () => {
    expect(trackingNumberFor('saga-a:create-shipment')).not.toBe(trackingNumberFor('saga-b:create-shipment'));
  });

  it('is TRK- followed by ten upper-case hex digits', () => {
    expect(trackingNumberFor('saga-a:create-shipment')).toMatch(/^TRK-[0-9A-F]{10}$/);
  });
});

describe('destinationRefusal', () => {
  const served = new Set(['GB', 'FR']);

  it('accepts a served country', () => {
    expect(destinationRefusal(served, 'FR')).toBeUndefined();
  });

  it('rejects any other country with DESTINATION_NOT_SERVED, naming it', () => {
    expect(destinationRefusal(served, 'AQ')).toEqual({ code: 'DESTINATION_NOT_SERVED', reason: 'country AQ is not served', retryable: false });
  });
});
