import { describe, expect, it } from 'vitest';
import { checkSender, conventionalSenders, parseServiceUsers } from './sender-check.ts';

const senders = conventionalSenders('saga');

describe('the sender check', () => {
  it('accepts a reply published by the user of the service that owns it', () => {
    expect(checkSender('PaymentProcessed', 'saga-payment', senders)).toBeUndefined();
  });

  it('refuses a reply published by another service, naming the expected one', () => {
    expect(checkSender('PaymentProcessed', 'saga-inventory', senders)).toEqual({
      code: 'ERR_WRONG_SENDER',
      reason: 'PaymentProcessed must be sent by payment (user saga-payment); it came with user-id saga-inventory',
    });
  });

  it('refuses a message that carries no user-id', () => {
    expect(checkSender('ProcessPayment', undefined, senders)?.reason).toContain('must be sent by orchestrator (user saga-orchestrator); it came with no user-id');
  });

  it('lets anyone start a saga, because StartSaga comes from clients', () => {
    expect(checkSender('StartSaga', undefined, senders)).toBeUndefined();
    expect(checkSender('StartSaga', 'someone', senders)).toBeUndefined();
  });

  it('fails closed when the map does not know the sender service', () => {
    expect(checkSender('PaymentProcessed', 'saga-payment', new Map())?.code).toBe('ERR_WRONG_SENDER');
  });

  it('uses explicit users over the naming convention', () => {
    const map = conventionalSenders('saga', parseServiceUsers('payment=pay-svc, inventory=inv'));
    expect(map.get('payment')).toBe('pay-svc');
    expect(map.get('inventory')).toBe('inv');
    expect(map.get('shipping')).toBe('saga-shipping');
  });

  it('refuses a SERVICE_USERS entry that names no service', () => {
    expect(() => parseServiceUsers('billing=x')).toThrow(/billing=x/);
    expect(() => parseServiceUsers('payment')).toThrow();
  });
});
