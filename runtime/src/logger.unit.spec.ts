import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** A saga input full of personal data, shaped like the ones teams log by mistake. */
const exampleOrder = {
  orderId: 'order-1001',
  customerId: 'customer-42',
  email: 'ada@example.com',
  items: [{ sku: 'SKU-BOOK', quantity: 2 }],
  amount: { cents: 4_998, currency: 'EUR' },
  shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
};

const SECRETS = [
  exampleOrder.email,
  exampleOrder.customerId,
  exampleOrder.shippingAddress.name,
  exampleOrder.shippingAddress.line1,
  exampleOrder.shippingAddress.postalCode,
  '4111111111111111',
  'Grace Hopper',
];

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ name: 'redaction-spec', level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('the logger', () => {
  it('redacts personal data at the depths our code logs it', () => {
    const { logger, text } = capture();
    logger.info({ email: exampleOrder.email, customerId: exampleOrder.customerId }, 'top level');
    logger.info({ saga: { input: exampleOrder } }, 'a saga input');
    logger.info({ message: { type: 'StartSaga', payload: { sagaType: 'order-fulfilment', input: exampleOrder } } }, 'a decoded message');
    logger.info({ step: { result: { shippingAddress: exampleOrder.shippingAddress } } }, 'a nested address');
    logger.info({ customer: { name: 'Grace Hopper', card: { number: '4111111111111111' } } }, 'a customer');
    logger.info({ order: { address: { line1: exampleOrder.shippingAddress.line1 } } }, 'an address');
    logger.info({ sagas: [{ input: exampleOrder }] }, 'a list of sagas');
    logger.info({ raw: { content: Buffer.from(JSON.stringify(exampleOrder)) } }, 'a raw message');
    logger.child({ customer: 'Grace Hopper' }).warn({ err: { details: { card: { number: '4111111111111111' } } } }, 'a child logger');
    const output = text();
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
  });

  it('keeps the fields that identify a message', () => {
    const { logger, text } = capture();
    logger.child({ sagaId: 'saga-1', messageId: 'm-1', type: 'ProcessPayment' }).info({ code: 'ERR_WRONG_SENDER' }, 'dead-lettering message');
    expect(JSON.parse(text())).toMatchObject({ sagaId: 'saga-1', messageId: 'm-1', type: 'ProcessPayment', code: 'ERR_WRONG_SENDER', service: 'redaction-spec' });
  });
});
