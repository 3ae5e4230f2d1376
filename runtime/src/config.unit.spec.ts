import { describe, expect, it } from 'vitest';
import { shop } from '../../contracts/test/shop-system.ts';
import { BaseConfig, senderMapFromConfig } from './config.ts';

describe('the base config', () => {
  it('declares topology and checks no sender by default, as development with guest needs', () => {
    const config = BaseConfig.parse({});
    expect(config.AMQP_TOPOLOGY).toBe('declare');
    expect(senderMapFromConfig(shop, config)).toBeUndefined();
  });

  it('turns the sender check on with users named after the namespace', () => {
    const senders = senderMapFromConfig(shop, BaseConfig.parse({ SAGA_NAMESPACE: 'shop', AMQP_SENDER_CHECK: 'true' }));
    expect(senders?.get('billing')).toBe('shop-billing');
    expect(senders?.get('orchestrator')).toBe('shop-orchestrator');
  });

  it('turns the sender check on with explicit users, the rest by convention', () => {
    const senders = senderMapFromConfig(shop, BaseConfig.parse({ SERVICE_USERS: 'billing=bill' }));
    expect(senders?.get('billing')).toBe('bill');
    expect(senders?.get('stock')).toBe('saga-stock');
  });

  it('rejects a topology mode or SERVICE_USERS entry it does not know', () => {
    expect(BaseConfig.safeParse({ AMQP_TOPOLOGY: 'maybe' }).success).toBe(false);
    expect(BaseConfig.safeParse({ SERVICE_USERS: 'billing' }).success).toBe(false);
    expect(() => senderMapFromConfig(shop, BaseConfig.parse({ SERVICE_USERS: 'payment=x' }))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_CONFIG', message: expect.stringContaining('SERVICE_USERS names payment, which shop does not have') }),
    );
    expect(BaseConfig.safeParse({ AMQP_SENDER_CHECK: 'perhaps' }).success).toBe(false);
  });
});
