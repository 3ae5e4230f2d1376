import { describe, expect, it } from 'vitest';
import { eventually } from '../../testing/index.ts';
import type { BusTopology, Delivery } from '../../index.ts';
import { MemoryBroker } from './memory-broker.ts';
import { topicMatches } from './memory-exchange.ts';

const topology: BusTopology = {
  exchanges: [
    { name: 'events', type: 'topic' },
    { name: 'everyone', type: 'fanout' },
  ],
  queues: [
    { name: 'orders', arguments: {} },
    { name: 'audit', arguments: {} },
  ],
  bindings: [
    { exchange: 'events', queue: 'orders', routingKey: 'order.*' },
    { exchange: 'events', queue: 'audit', routingKey: '#' },
    { exchange: 'everyone', queue: 'orders', routingKey: 'ignored' },
    { exchange: 'everyone', queue: 'audit', routingKey: '' },
  ],
};

const publish = (exchange: string, routingKey: string) => ({ exchange, routingKey, body: Buffer.from(routingKey) });

async function received(broker: MemoryBroker, queue: string): Promise<string[]> {
  return broker.drain(queue).map((m) => m.body.toString());
}

describe('the memory broker', () => {
  it('matches topic patterns word by word, * for one word and # for any number', () => {
    expect(topicMatches('order.*', 'order.placed')).toBe(true);
    expect(topicMatches('order.*', 'order.placed.eu')).toBe(false);
    expect(topicMatches('order.#', 'order')).toBe(true);
    expect(topicMatches('#.eu', 'order.placed.eu')).toBe(true);
    expect(topicMatches('*.placed', 'placed')).toBe(false);
    expect(topicMatches('#', '')).toBe(true);
  });

  it('routes through topic and fanout exchanges to every bound queue once', async () => {
    const broker = new MemoryBroker();
    const bus = await broker.connect({ topology });
    await bus.publish(publish('events', 'order.placed'));
    await bus.publish(publish('events', 'invoice.sent'));
    await bus.publish(publish('everyone', 'anything'));
    expect(await received(broker, 'orders')).toEqual(['order.placed', 'anything']);
    expect(await received(broker, 'audit')).toEqual(['order.placed', 'invoice.sent', 'anything']);
  });

  it('refuses a publish to an exchange that does not exist', async () => {
    const bus = await new MemoryBroker().connect({ topology });
    await expect(bus.publish(publish('nowhere', 'x'))).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: expect.stringContaining('no exchange nowhere') });
  });

  it('refuses to declare a queue again with other arguments, as RabbitMQ does', async () => {
    const broker = new MemoryBroker();
    await broker.connect({ topology });
    const clash = { ...topology, queues: [{ name: 'orders', arguments: { 'x-queue-type': 'quorum' } }], bindings: [] };
    await expect(broker.connect({ topology: clash })).rejects.toMatchObject({ code: 'ERR_BROKER_UNAVAILABLE', message: expect.stringContaining('PRECONDITION_FAILED') });
  });

  it('refuses to consume a queue that does not exist', async () => {
    const bus = await new MemoryBroker().connect({ topology });
    await expect(bus.consume({ queue: 'ghost', prefetch: 1, onDelivery: () => undefined })).rejects.toMatchObject({ code: 'ERR_TOPOLOGY_MISSING' });
  });

  it('counts ready and unacked messages and consumers of a queue', async () => {
    const broker = new MemoryBroker();
    const bus = await broker.connect({ topology });
    for (const key of ['order.a', 'order.b', 'order.c']) await bus.publish(publish('events', key));
    const held: Delivery[] = [];
    await bus.consume({ queue: 'orders', prefetch: 1, onDelivery: (d) => held.push(d) });
    await eventually(() => expect(broker.stats('orders')).toEqual({ ready: 2, unacked: 1, consumers: 1 }));
  });

  it('closing a connection returns what its subscriptions held and refuses its later publishes', async () => {
    const broker = new MemoryBroker();
    const bus = await broker.connect({ topology });
    await bus.publish(publish('events', 'order.a'));
    const held: Delivery[] = [];
    await bus.consume({ queue: 'orders', prefetch: 1, onDelivery: (d) => held.push(d) });
    await eventually(() => expect(held).toHaveLength(1));
    await bus.close();
    expect(broker.stats('orders')).toEqual({ ready: 1, unacked: 0, consumers: 0 });
    await expect(bus.publish(publish('events', 'order.b'))).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
  });
});
