import { describe, expect, it } from 'vitest';
import { BaseConfig, senderMapFromConfig } from './config.ts';

describe('the base config', () => {
  it('declares topology and checks no sender by default, as development with guest needs', () => {
    const config = BaseConfig.parse({});
    expect(config.AMQP_TOPOLOGY).toBe('declare');
    expect(senderMapFromConfig(config)).toBeUndefined();
  });

  it('turns the sender check on with users named after the namespace', () => {
    const senders = senderMapFromConfig(BaseConfig.parse({ SAGA_NAMESPACE: 'shop', AMQP_SENDER_CHECK: 'true' }));
    expect(senders?.get('payment')).toBe('shop-payment');
    expect(senders?.get('orchestrator')).toBe('shop-orchestrator');
  });

  it('turns the sender check on with explicit users, the rest by convention', () => {
    const senders = senderMapFromConfig(BaseConfig.parse({ SERVICE_USERS: 'payment=pay' }));
    expect(senders?.get('payment')).toBe('pay');
    expect(senders?.get('shipping')).toBe('saga-shipping');
  });

  it('rejects a topology mode or SERVICE_USERS entry it does not know', () => {
    expect(BaseConfig.safeParse({ AMQP_TOPOLOGY: 'maybe' }).success).toBe(false);
    expect(BaseConfig.safeParse({ SERVICE_USERS: 'billing=x' }).success).toBe(false);
    expect(BaseConfig.safeParse({ AMQP_SENDER_CHECK: 'perhaps' }).success).toBe(false);
  });
});
