// Needs running: RabbitMQ at AMQP_URL, and rabbitmqctl on this machine (to close a connection as an outage would).
// What every bus does is in the contract (rabbit-bus.contract.int.spec.ts); this file is what only RabbitMQ does.
import amqplib from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology } from '@saga/contracts';
import { shop } from '../../../../contracts/test/shop-system.ts';
import { publishEnvelope } from '../../amqp/publish.ts';
import { createEnvelope } from '../../envelope-factory.ts';
import { createLogger } from '../../logger.ts';
import { AMQP_URL, deleteTopology, drainQueue, eventually, testNamespace } from '../../testing/index.ts';
import { closeConnectionFromServer } from '../../testing/rabbitmq-admin.ts';
import { busTopologyOf } from '../bus-topology.ts';
import { connectRabbitBus, type RabbitBus } from './rabbit-bus.ts';

const names = topology(shop, testNamespace('broker'));
const logger = createLogger({ name: 'broker-spec', level: 'silent' });
let broker: RabbitBus;

beforeAll(async () => {
  broker = await connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(names), logger, name: `broker-spec-${names.namespace}` });
});
afterAll(async () => {
  await broker?.close();
  await deleteTopology(names);
});

async function queueExists(queue: string): Promise<boolean> {
  const connection = await amqplib.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await channel.checkQueue(queue);
    return true;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

describe('the broker connection', () => {
  it('refuses a publish no queue receives instead of confirming it into the void', async () => {
    const envelope = createEnvelope({ type: 'Charge', schemaVersion: 1, correlationId: 'saga-2', step: 'charge', payload: {} });
    await expect(publishEnvelope(broker, { exchange: names.exchanges.commands.name, routingKey: 'nobody-listens' }, envelope)).rejects.toMatchObject({
      code: 'ERR_PUBLISH_FAILED',
    });
    expect(broker.publishesInFlight).toBe(0);
  });

  it('asserts the whole topology when it connects', async () => {
    for (const queue of [names.queues.orchestratorCommands, names.queues.deadLetter, ...Object.values(names.queues.participants)]) {
      expect(await queueExists(queue.name)).toBe(true);
    }
  });

  it('reconnects after the server closes it and re-asserts topology that went missing meanwhile', async () => {
    const queue = names.queues.participants['billing']!.name;
    const connection = await amqplib.connect(AMQP_URL);
    await (await connection.createChannel()).deleteQueue(queue);
    await connection.close();
    expect(await queueExists(queue)).toBe(false);

    closeConnectionFromServer(`broker-spec-${names.namespace}`);

    await eventually(async () => expect(await queueExists(queue)).toBe(true), { timeoutMs: 20_000 });
    const envelope = createEnvelope({ type: 'Charge', schemaVersion: 1, correlationId: 'saga-1', step: 'charge', payload: {} });
    await eventually(() => publishEnvelope(broker, { exchange: names.exchanges.commands.name, routingKey: 'billing' }, envelope), { timeoutMs: 20_000 });
    const received = await eventually(async () => {
      const messages = await drainQueue(queue);
      expect(messages).toHaveLength(1);
      return messages[0]!;
    });
    expect(received.properties.messageId).toBe(envelope.messageId);
    expect(received.properties.deliveryMode).toBe(2);
  });
});

describe('a channel whose setup fails', () => {
  it('is logged and retried instead of crashing the process, and start-up gives up in time', async () => {
    const clash = topology(shop, testNamespace('clash'));
    // A queue that already exists with other arguments: asserting it fails with 406 every time.
    const connection = await amqplib.connect(AMQP_URL);
    await (await connection.createChannel()).assertQueue(clash.queues.orchestratorCommands.name, { durable: true, arguments: { 'x-queue-type': 'classic' } });
    await connection.close();
    const lines: string[] = [];
    const logger = createLogger({ name: 'clash-spec', level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    try {
      await expect(
        connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(clash), logger, name: `broker-clash-${clash.namespace}`, connectTimeoutMs: 3_000 }),
      ).rejects.toMatchObject({ code: 'ERR_BROKER_UNAVAILABLE', message: expect.stringContaining('PRECONDITION_FAILED') });
      expect(lines.filter((l) => l.includes('channel setup failed')).length).toBeGreaterThanOrEqual(2);
      expect(lines.join('')).toContain('PRECONDITION_FAILED');
    } finally {
      await deleteTopology(clash);
    }
  });
});
