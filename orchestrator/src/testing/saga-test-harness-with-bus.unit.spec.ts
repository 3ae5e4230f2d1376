import { describe, expect, it } from 'vitest';
import { exampleOrder, topology } from '@saga/contracts';
import { ManualClock, MemoryBroker, busTopologyOf } from '@saga/runtime';
import { BusCommandPublisher } from '../adapters/bus/bus-command-publisher.ts';
import { createSagaTestHarness } from './saga-test-harness.ts';

/**
 * The harness's commands can travel over the memory bus, with faults injected there; one
 * ManualClock drives both, so a delayed message arrives as the harness's time passes.
 */
async function harnessOverMemoryBus() {
  const clock = new ManualClock();
  const broker = new MemoryBroker({ scheduler: clock });
  const names = topology('harness');
  const bus = await broker.connect({ topology: busTopologyOf(names) });
  const h = createSagaTestHarness({ clock, publisher: new BusCommandPublisher(bus, names) });
  const inventoryQueue = () => broker.drain(names.queues.participants.inventory.name).map((m) => JSON.parse(m.body.toString()) as { messageId: string });
  return { h, broker, inventoryQueue };
}

describe('the saga test harness over the memory bus', () => {
  it('retries a command the bus delays past its timeout, and the late original arrives after the retry', async () => {
    const { h, broker, inventoryQueue } = await harnessOverMemoryBus();
    broker.faults.delay({ type: 'ReserveInventory' }, 70_000);
    await h.start('order-fulfilment', exampleOrder);
    const first = h.lastCommand();
    expect(inventoryQueue()).toEqual([]);

    await h.advance(60_000); // not started within 30 s, nor answered within 30 s more: timed out; the retry waits its backoff (900 ms at jitter 0.5)
    await h.advance(1_000);
    const retry = h.lastCommand();
    expect(retry.envelope.messageId).not.toBe(first.envelope.messageId);
    expect(inventoryQueue().map((m) => m.messageId)).toEqual([retry.envelope.messageId]);

    await h.advance(9_000);
    expect(inventoryQueue().map((m) => m.messageId)).toEqual([first.envelope.messageId]);
    expect((await h.saga()).steps['reserve-inventory']).toMatchObject({ status: 'running', action: { attempt: 2 } });
  });

  it('keeps a command whose publish the bus refuses in the outbox, and the sweeper sends it later', async () => {
    const { h, broker, inventoryQueue } = await harnessOverMemoryBus();
    broker.faults.failPublish({ type: 'ReserveInventory' });
    await h.start('order-fulfilment', exampleOrder);
    expect(inventoryQueue()).toEqual([]);
    expect((await h.saga()).outbox).toHaveLength(1);

    await h.advance(5_000);
    expect(inventoryQueue()).toHaveLength(1);
    expect((await h.saga()).outbox).toEqual([]);
  });
});
