import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../manual-clock.ts';
import type { BusTopology } from '../bus-topology.ts';
import { MemoryBroker } from './memory-broker.ts';

const topology: BusTopology = {
  exchanges: [{ name: 'commands', type: 'direct' }],
  queues: [
    { name: 'payment', arguments: {} },
    { name: 'shipping', arguments: {} },
  ],
  bindings: [
    { exchange: 'commands', queue: 'payment', routingKey: 'payment' },
    { exchange: 'commands', queue: 'shipping', routingKey: 'shipping' },
  ],
};

async function setUp() {
  const clock = new ManualClock();
  const broker = new MemoryBroker({ scheduler: clock });
  const bus = await broker.connect({ topology });
  const send = (id: string, routingKey = 'payment', type = 'ProcessPayment') =>
    bus.publish({ exchange: 'commands', routingKey, body: Buffer.from(id), properties: { messageId: id, type } });
  const inQueue = (queue = 'payment') => broker.drain(queue).map((m) => m.properties.messageId);
  return { clock, broker, bus, send, inQueue };
}

describe('faults injected into the memory bus', () => {
  it('drops the next matching message after confirming its publish', async () => {
    const { broker, send, inQueue } = await setUp();
    const fault = broker.faults.drop({ type: 'ProcessPayment' });
    await send('m1');
    await send('m2');
    expect(inQueue()).toEqual(['m2']);
    expect(fault).toMatchObject({ fired: 1, spent: true });
  });

  it('duplicates a message as many times as asked, for as many messages as asked', async () => {
    const { broker, send, inQueue } = await setUp();
    broker.faults.duplicate({ queue: 'payment' }, { times: 2, copies: 2 });
    for (const id of ['m1', 'm2', 'm3']) await send(id);
    expect(inQueue()).toEqual(['m1', 'm1', 'm1', 'm2', 'm2', 'm2', 'm3']);
  });

  it('delays a message until the clock has moved past the delay', async () => {
    const { clock, broker, send, inQueue } = await setUp();
    broker.faults.delay({ messageId: 'late' }, 5_000);
    await send('late');
    await send('on-time');
    expect(inQueue()).toEqual(['on-time']);
    await clock.advance(4_999);
    expect(inQueue()).toEqual([]);
    await clock.advance(1);
    expect(inQueue()).toEqual(['late']);
  });

  it('lets the next message to the same queue overtake a reordered one', async () => {
    const { broker, send, inQueue } = await setUp();
    broker.faults.reorder({ messageId: 'first' });
    await send('first');
    await send('to-shipping', 'shipping', 'CreateShipment');
    await send('second');
    expect(inQueue('shipping')).toEqual(['to-shipping']);
    expect(inQueue()).toEqual(['second', 'first']);
  });

  it('releases a reordered message after its longest hold if nothing overtakes it', async () => {
    const { clock, broker, send, inQueue } = await setUp();
    broker.faults.reorder({ messageId: 'alone' }, { maxHoldMs: 200 });
    await send('alone');
    expect(inQueue()).toEqual([]);
    await clock.advance(200);
    expect(inQueue()).toEqual(['alone']);
  });

  it('fails matching publishes with ERR_PUBLISH_FAILED and delivers nothing, then lets them through', async () => {
    const { broker, send, inQueue } = await setUp();
    broker.faults.failPublish({ routingKey: 'payment' }, { times: 2 });
    await expect(send('m1')).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
    await expect(send('m1')).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
    await send('m1');
    expect(inQueue()).toEqual(['m1']);
  });

  it('selects by a predicate, and a removed fault hits nothing', async () => {
    const { broker, send, inQueue } = await setUp();
    const fault = broker.faults.drop({ where: (m) => m.body.toString().endsWith('x') }, { times: Infinity });
    await send('ax');
    await send('b');
    fault.remove();
    await send('cx');
    expect(inQueue()).toEqual(['b', 'cx']);
    expect(fault.fired).toBe(1);
  });
});
