import { describe, expect, it } from 'vitest';
import { amqpUsername } from './amqp-url.ts';

describe('amqpUsername', () => {
  it('reads the user of an AMQP URL', () => {
    expect(amqpUsername('amqp://saga-payment:secret@rabbitmq:5672/vhost')).toBe('saga-payment');
  });
  it('decodes a percent-encoded user', () => {
    expect(amqpUsername('amqps://team%40ops:pw@host')).toBe('team@ops');
  });
  it('defaults to guest, as amqplib does, when the URL names no user', () => {
    expect(amqpUsername('amqp://127.0.0.1:5672')).toBe('guest');
  });
});
