import { describe, expect, it } from 'vitest';
import { shop } from '../../../contracts/test/shop-system.ts';
import { checkSender, conventionalSenders, parseServiceUsers, unknownServices } from './sender-check.ts';

const senders = conventionalSenders('saga', shop.services);
const check = (type: string, userId: unknown, map = senders) => checkSender(type, userId, map, shop.message);

describe('the sender check', () => {
  it('accepts a reply published by the user of the service that owns it', () => {
    expect(check('Charged', 'saga-billing')).toBeUndefined();
  });

  it('refuses a reply published by another service, naming the expected one', () => {
    expect(check('Charged', 'saga-stock')).toEqual({
      code: 'ERR_WRONG_SENDER',
      reason: 'Charged must be sent by billing (user saga-billing); it came with user-id saga-stock',
    });
  });

  it('refuses a message that carries no user-id', () => {
    expect(check('Charge', undefined)?.reason).toContain('must be sent by orchestrator (user saga-orchestrator); it came with no user-id');
  });

  it('lets anyone start a saga, because StartSaga comes from clients', () => {
    expect(check('StartSaga', undefined)).toBeUndefined();
    expect(check('StartSaga', 'someone')).toBeUndefined();
  });

  it('fails closed when the map does not know the sender service', () => {
    expect(check('Charged', 'saga-billing', new Map())?.code).toBe('ERR_WRONG_SENDER');
  });

  it('fails closed on a type the system does not know', () => {
    expect(check('ProcessPayment', 'saga-orchestrator')).toEqual({ code: 'ERR_WRONG_SENDER', reason: 'ProcessPayment has no known sender' });
  });

  it('accepts a runtime reply such as CommandExpired from any participant, and from nobody else', () => {
    expect(check('CommandExpired', 'saga-stock')).toBeUndefined();
    expect(check('CommandExpired', 'saga-orchestrator')?.reason).toContain('must be sent by a participant');
  });

  it('uses explicit users over the naming convention', () => {
    const map = conventionalSenders('saga', shop.services, parseServiceUsers('billing=bill-svc, stock=stk'));
    expect(map.get('billing')).toBe('bill-svc');
    expect(map.get('stock')).toBe('stk');
    expect(map.get('orchestrator')).toBe('saga-orchestrator');
  });

  it('refuses a SERVICE_USERS entry that names no service of the system', () => {
    expect(unknownServices(parseServiceUsers('payment=x'), shop.services)).toEqual(['payment']);
    expect(() => parseServiceUsers('payment')).toThrow(/payment/);
    expect(() => parseServiceUsers('billing')).toThrow();
  });
});
