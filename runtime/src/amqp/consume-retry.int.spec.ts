// Needs running: RabbitMQ at AMQP_URL (default amqp://guest:guest@127.0.0.1:5672).
import amqplib from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology, type WireMessage } from '@saga/contracts';
import { shop } from '../../../contracts/test/shop-system.ts';
import { createEnvelope } from '../envelope-factory.ts';
import { SagaError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { AMQP_URL, deleteTopology, drainQueue, eventually, testNamespace } from '../testing/index.ts';
import { busTopologyOf } from '../bus/bus-topology.ts';
import type { Delivery } from '../bus/message-bus.ts';
import { connectRabbitBus, type RabbitBus } from '../bus/rabbitmq/rabbit-bus.ts';
import { consume, type ConsumeOptions, type Consumer } from './consume.ts';
import { publishEnvelope } from './publish.ts';

const names = topology(shop, testNamespace('retry'));
const logger = createLogger({ name: 'consume-retry-spec', level: 'silent' });
const limitedQueue = `${names.namespace}.limited`;
let broker: RabbitBus;
let admin: amqplib.ChannelModel;
const consumers: Consumer[] = [];

beforeAll(async () => {
  broker = await connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(names), logger, name: `retry-spec-${names.namespace}` });
  admin = await amqplib.connect(AMQP_URL);
});
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.close()));
  await broker?.close();
  const channel = await admin.createChannel();
  await channel.deleteQueue(limitedQueue);
  await admin.close();
  await deleteTopology(names);
});

function charge() {
  return createEnvelope({ type: 'Charge', schemaVersion: 1, correlationId: 'saga-retry', step: 'charge', payload: shop.messages.Charge.example });
}

async function start(queue: string, options: Partial<ConsumeOptions> & Pick<ConsumeOptions, 'handle'>): Promise<Consumer> {
  const consumer = await consume(broker, { queue, deadLetterExchange: names.exchanges.deadLetter.name, prefetch: 4, maxBytes: 64 * 1024, accept: new Set(['Charge']), message: shop.message, logger, ...options });
  consumers.push(consumer);
  return consumer;
}

const transient = () => new SagaError('ERR_CONCURRENCY_CONFLICT', 'test: still busy');

describe('a handler that fails retryably', () => {
  it('is retried with the message held, so it is handled once, acked, and never dead-lettered', async () => {
    const queue = names.queues.participants['stock']!.name;
    const envelope = charge();
    const calls: Delivery[] = [];
    let succeeded = 0;
    const consumer = await start(queue, {
      retry: { initialDelayMs: 20, maxDelayMs: 40 },
      handle: async (_message: WireMessage, delivery) => {
        calls.push(delivery);
        if (calls.length <= 2) throw transient();
        succeeded += 1;
        return { kind: 'ack' };
      },
    });
    await publishEnvelope(broker, { exchange: names.exchanges.commands.name, routingKey: 'stock' }, envelope);
    await eventually(() => expect(succeeded).toBe(1));
    // Three runs of one delivery: the message was never requeued in between.
    expect(calls).toHaveLength(3);
    expect(new Set(calls).size).toBe(1);
    expect(calls.every((c) => !c.redelivered && c.deliveryCount === 1)).toBe(true);
    // Closing returns unacked messages to the queue; an empty queue afterwards means it was acked.
    await consumer.close();
    const channel = await admin.createChannel();
    await eventually(async () => expect((await channel.checkQueue(queue)).messageCount).toBe(0));
    await channel.close();
    const dead = await drainQueue(names.queues.deadLetter.name);
    expect(dead.filter((m) => m.properties.messageId === envelope.messageId)).toHaveLength(0);
  });

  it('is dead-lettered by the broker once requeues exceed the queue delivery limit', async () => {
    // A test-only queue like the topology's work queues, with a small delivery limit.
    const channel = await admin.createConfirmChannel();
    await channel.assertQueue(limitedQueue, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': names.exchanges.deadLetter.name, 'x-delivery-limit': 2 },
    });
    let calls = 0;
    await start(limitedQueue, {
      // No hold: every failure requeues at once, as after a crash mid-message.
      retry: { maxHoldMs: 0 },
      handle: async () => {
        calls += 1;
        throw transient();
      },
    });
    const envelope = charge();
    channel.sendToQueue(limitedQueue, Buffer.from(JSON.stringify(envelope)), { persistent: true, messageId: envelope.messageId });
    await channel.waitForConfirms();
    await channel.close();
    const dead = await eventually(async () => {
      const found = (await drainQueue(names.queues.deadLetter.name)).filter((m) => m.properties.messageId === envelope.messageId);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(dead.properties.headers?.['x-first-death-reason']).toBe('delivery_limit');
    expect(dead.properties.headers?.['x-first-death-queue']).toBe(limitedQueue);
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});

describe('a consumer whose queue is deleted under it', () => {
  it('survives the broker cancelling it and consumes again once the queue is back', async () => {
    const queue = names.queues.participants['billing']!.name;
    const handled: string[] = [];
    await start(queue, {
      handle: async (message) => {
        handled.push(message.messageId);
        return { kind: 'ack' };
      },
    });
    const channel = await admin.createChannel();
    await channel.deleteQueue(queue);
    await channel.close();
    const envelope = charge();
    // The consumer's channel reopens and re-declares the queue (and its binding) by itself;
    // until then the publish is returned as unroutable and we try again.
    await eventually(() => publishEnvelope(broker, { exchange: names.exchanges.commands.name, routingKey: 'billing' }, envelope));
    await eventually(() => expect(handled).toContain(envelope.messageId));
  });
});
