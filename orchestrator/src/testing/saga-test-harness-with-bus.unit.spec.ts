import { describe, expect, it } from 'vitest';
import { topology } from '@saga/contracts';
import { ManualClock, MemoryBroker, busTopologyOf } from '@saga/runtime';
import { checkout, exampleCheckout } from '../../test/checkout-system.ts';
import { purchase } from '../../test/saga-fixtures.ts';
import { BusCommandPublisher } from '../adapters/bus/bus-command-publisher.ts';
import { createSagaTestHarness } from './saga-test-harness.ts';

/**
 * The harness's commands can travel over the memory bus, with faults injected there; one
 * ManualClock drives both, so a delayed message arrives as the harness's time passes.
 */
async function harnessOverMemoryBus() {
  const clock = new ManualClock();
  const broker = new MemoryBroker({ scheduler: clock });
  const names = topology(checkout, 'harness');
  const bus = await broker.connect({ topology: busTopologyOf(names) });
  const h = createSagaTestHarness({ system: checkout, definitions: [purchase], clock, publisher: new BusCommandPublisher(bus, names) });
  const stockQueue = () => broker.drain(names.queues.participants['stock']!.name).map((m) => JSON.parse(m.body.toString()) as { messageId: string });
  return { h, broker, stockQueue };
}

describe('the saga test harness over the memory bus', () => {
  it('retries a command the bus delays past its timeout, and the late original arrives after the retry', async () => {
    const { h, broker, stockQueue } = await harnessOverMemoryBus();
    broker.faults.delay({ type: 'ReserveStock' }, 70_000);
    await h.start('purchase', exampleCheckout);
    const first = h.lastCommand();
    expect(stockQueue()).toEqual([]);

    await h.advance(60_000); // not started within 30 s, nor answered within 30 s more: timed out; the retry waits its backoff (900 ms at jitter 0.5)
    await h.advance(1_000);
    const retry = h.lastCommand();
    expect(retry.envelope.messageId).not.toBe(first.envelope.messageId);
    expect(stockQueue().map((m) => m.messageId)).toEqual([retry.envelope.messageId]);

    await h.advance(9_000);
    expect(stockQueue().map((m) => m.messageId)).toEqual([first.envelope.messageId]);
    expect((await h.saga()).steps['reserve-stock']).toMatchObject({ status: 'running', action: { attempt: 2 } });
  });

  it('keeps a command whose publish the bus refuses in the outbox, and the sweeper sends it later', async () => {
    const { h, broker, stockQueue } = await harnessOverMemoryBus();
    broker.faults.failPublish({ type: 'ReserveStock' });
    await h.start('purchase', exampleCheckout);
    expect(stockQueue()).toEqual([]);
    expect((await h.saga()).outbox).toHaveLength(1);

    await h.advance(5_000);
    expect(stockQueue()).toHaveLength(1);
    expect((await h.saga()).outbox).toEqual([]);
  });
});
