import { orderSystem } from '../order-fulfilment/contracts/src/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_PASSWORD, passwordHash, rabbitDefinitions } from './lib/rabbitmq-definitions.ts';

const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../docker/rabbitmq/definitions.json'), 'utf8'));

describe('the RabbitMQ definitions for docker compose', () => {
  it('match the contracts (run `pnpm rabbitmq:definitions` after changing the topology)', () => {
    expect(committed).toEqual(rabbitDefinitions(orderSystem, 'saga', () => DEV_PASSWORD));
  });

  it("hash passwords the way RabbitMQ's sha256 scheme does", () => {
    const hash = Buffer.from(passwordHash('saga-payment', 'secret'), 'base64');
    expect(hash).toHaveLength(4 + 32);
    expect(passwordHash('saga-payment', 'secret')).not.toBe(passwordHash('saga-payment', 'other'));
  });
});
