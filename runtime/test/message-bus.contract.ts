import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { BusTopology, Delivery, MessageBus, OutgoingMessage, Subscription, TopologyMode } from '../src/index.ts';
import { eventually, testNamespace } from '../src/testing/index.ts';

/** What the contract needs of an adapter: connections to one broker, and a way to tidy up. */
export interface BusContractSubject {
  /** A new connection to the broker under test that declares (or verifies) `topology`. */
  connect(topology: BusTopology, options?: { maxMessageBytes?: number; topologyMode?: TopologyMode }): Promise<MessageBus>;
  /** The connection drops and comes back (RabbitMQ: closed from the server side). */
  interrupt(bus: MessageBus): Promise<void>;
  /** Deletes what a case declared. */
  remove(topology: BusTopology): Promise<void>;
}

/** Each case gets its own names: a work exchange, a quorum queue with a dead-letter exchange and a delivery limit, one with a single active consumer. */
function caseTopology() {
  const ns = testNamespace('bus');
  const names = { work: `${ns}.work`, dead: `${ns}.dead`, jobs: `${ns}.jobs`, solo: `${ns}.solo` };
  const workQueue = { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': names.dead, 'x-delivery-limit': 2 };
  const topology: BusTopology = {
    exchanges: [
      { name: names.work, type: 'direct' },
      { name: names.dead, type: 'fanout' },
    ],
    queues: [
      { name: names.jobs, arguments: workQueue },
      { name: names.solo, arguments: { ...workQueue, 'x-single-active-consumer': true } },
      { name: names.dead, arguments: { 'x-queue-type': 'quorum' } },
    ],
    bindings: [
      { exchange: names.work, queue: names.jobs, routingKey: 'jobs' },
      { exchange: names.work, queue: names.solo, routingKey: 'solo' },
      { exchange: names.dead, queue: names.dead, routingKey: '' },
    ],
  };
  return { names, topology };
}

/** Deliveries a subscription received, in order; `ack` settles each at once. */
async function collect(bus: MessageBus, queue: string, options: { prefetch?: number; ack?: boolean } = {}) {
  const deliveries: Delivery[] = [];
  const subscription: Subscription = await bus.consume({
    queue,
    prefetch: options.prefetch ?? 10,
    onDelivery: (delivery) => {
      deliveries.push(delivery);
      if (options.ack) delivery.ack();
    },
  });
  return { deliveries, subscription, ids: () => deliveries.map((d) => d.properties.messageId) };
}

const waitFor = <T>(check: () => T) => eventually(check, { timeoutMs: 15_000, intervalMs: 20 });

/**
 * What every MessageBus adapter must do, run against RabbitMQ (integration) and the memory bus
 * (unit), so the in-memory one cannot drift from the real thing.
 */
export function messageBusContract(name: string, makeSubject: () => BusContractSubject): void {
  describe(`MessageBus contract: ${name}`, () => {
    const subject = makeSubject();

    async function setUp(options: { maxMessageBytes?: number } = {}) {
      const { names, topology } = caseTopology();
      const bus = await subject.connect(topology, options);
      onTestFinished(async () => {
        await bus.close().catch(() => undefined);
        await subject.remove(topology);
      });
      let n = 0;
      const message = (routingKey = 'jobs', extra: Partial<OutgoingMessage['properties']> = {}): OutgoingMessage => ({
        exchange: names.work,
        routingKey,
        body: Buffer.from(JSON.stringify({ n: (n += 1) })),
        properties: { messageId: randomUUID(), type: 'TestMessage', contentType: 'application/json', ...extra },
      });
      return { names, topology, bus, message };
    }

    it('confirms a publish and delivers it with its properties, headers and the publisher’s user', async () => {
      const { names, bus, message } = await setUp();
      const sent = message('jobs', { correlationId: 'saga-1', timestamp: 1_700_000_000, headers: { 'x-schema-version': 3, 'x-note': 'kept' } });
      await bus.publish(sent);
      const { deliveries } = await collect(bus, names.jobs, { ack: true });
      const [delivery] = await waitFor(() => {
        expect(deliveries).toHaveLength(1);
        return deliveries;
      });
      expect(delivery!.body.equals(sent.body)).toBe(true);
      expect(delivery).toMatchObject({ exchange: names.work, routingKey: 'jobs', redelivered: false, deliveryCount: 1 });
      expect(delivery!.properties).toMatchObject({
        messageId: sent.properties?.messageId,
        correlationId: 'saga-1',
        type: 'TestMessage',
        contentType: 'application/json',
        timestamp: 1_700_000_000,
        userId: bus.username,
        headers: { 'x-schema-version': 3, 'x-note': 'kept' },
      });
    });

    it('refuses a publish that no queue would receive with ERR_PUBLISH_FAILED', async () => {
      const { bus, message } = await setUp();
      await expect(bus.publish(message('nobody-listens'))).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
    });

    it('refuses a body over its size limit with ERR_MESSAGE_TOO_LARGE, and nothing arrives', async () => {
      const { names, bus, message } = await setUp({ maxMessageBytes: 1024 });
      await expect(bus.publish({ ...message(), body: Buffer.alloc(2048, 32) })).rejects.toMatchObject({ code: 'ERR_MESSAGE_TOO_LARGE' });
      const marker = message();
      await bus.publish(marker);
      const { ids } = await collect(bus, names.jobs, { ack: true });
      await waitFor(() => expect(ids()).toEqual([marker.properties?.messageId]));
    });

    it("delivers a queue's messages in the order they were published", async () => {
      const { names, bus, message } = await setUp();
      const sent = Array.from({ length: 8 }, () => message());
      for (const m of sent) await bus.publish(m);
      const { ids } = await collect(bus, names.jobs, { prefetch: 1, ack: true });
      await waitFor(() => expect(ids()).toEqual(sent.map((m) => m.properties?.messageId)));
    });

    it('hands a consumer no more unsettled deliveries than its prefetch', async () => {
      const { names, bus, message } = await setUp();
      for (let i = 0; i < 5; i += 1) await bus.publish(message());
      const first = await collect(bus, names.jobs, { prefetch: 2 });
      await waitFor(() => expect(first.deliveries).toHaveLength(2));
      // The other three can only go to a second consumer if the first took no more than two.
      const second = await collect(bus, names.jobs, { prefetch: 10 });
      await waitFor(() => expect(second.deliveries).toHaveLength(3));
      expect(first.deliveries).toHaveLength(2);
      first.deliveries[0]!.ack();
      second.deliveries.forEach((d) => d.ack());
      await bus.publish(message());
      await waitFor(() => expect(first.deliveries.length + second.deliveries.length).toBe(6));
    });

    it('redelivers a requeued message, marked redelivered and counted', async () => {
      const { names, bus, message } = await setUp();
      const sent = message();
      await bus.publish(sent);
      const { deliveries } = await collect(bus, names.jobs);
      await waitFor(() => expect(deliveries).toHaveLength(1));
      deliveries[0]!.requeue();
      await waitFor(() => expect(deliveries).toHaveLength(2));
      expect(deliveries[1]).toMatchObject({ redelivered: true, deliveryCount: 2 });
      expect(deliveries[1]!.properties.messageId).toBe(sent.properties?.messageId);
      deliveries[1]!.ack();
    });

    it('forgets an acked message: the next consumer starts with what came after it', async () => {
      const { names, bus, message } = await setUp();
      const [acked, after] = [message(), message()];
      await bus.publish(acked);
      const first = await collect(bus, names.jobs, { ack: true });
      await waitFor(() => expect(first.ids()).toEqual([acked.properties?.messageId]));
      await first.subscription.close();
      await bus.publish(after);
      const second = await collect(bus, names.jobs, { ack: true });
      await waitFor(() => expect(second.ids()).toEqual([after.properties?.messageId]));
    });

    it('redelivers what a closed subscription left unsettled, and settling it afterwards does nothing', async () => {
      const { names, bus, message } = await setUp();
      const sent = message();
      await bus.publish(sent);
      const first = await collect(bus, names.jobs);
      await waitFor(() => expect(first.deliveries).toHaveLength(1));
      const held = first.deliveries[0]!;
      await first.subscription.close();
      expect(held.signal.aborted).toBe(true);
      held.ack();
      const second = await collect(bus, names.jobs, { ack: true });
      await waitFor(() => expect(second.ids()).toEqual([sent.properties?.messageId]));
      expect(second.deliveries[0]).toMatchObject({ redelivered: true });
    });

    it('dead-letters a rejected message to the queue’s dead-letter exchange, saying why and where from', async () => {
      const { names, bus, message } = await setUp();
      const sent = message();
      await bus.publish(sent);
      const jobs = await collect(bus, names.jobs);
      await waitFor(() => expect(jobs.deliveries).toHaveLength(1));
      jobs.deliveries[0]!.reject();
      const dead = await collect(bus, names.dead, { ack: true });
      await waitFor(() => expect(dead.ids()).toEqual([sent.properties?.messageId]));
      expect(dead.deliveries[0]!.properties.headers).toMatchObject({ 'x-first-death-reason': 'rejected', 'x-first-death-queue': names.jobs });
      expect(dead.deliveries[0]!.body.equals(sent.body)).toBe(true);
    });

    it('dead-letters a message returned more often than x-delivery-limit, with reason delivery_limit', async () => {
      const { names, bus, message } = await setUp();
      const sent = message();
      await bus.publish(sent);
      const jobs = await collect(bus, names.jobs);
      const dead = await collect(bus, names.dead, { ack: true });
      // Requeue every delivery: with a limit of 2 the third return is one too many.
      await waitFor(() => {
        jobs.deliveries.filter((d) => !d.signal.aborted).forEach((d) => d.requeue());
        expect(dead.ids()).toEqual([sent.properties?.messageId]);
      });
      expect(jobs.deliveries.map((d) => d.deliveryCount)).toEqual([1, 2, 3]);
      expect(dead.deliveries[0]!.properties.headers).toMatchObject({ 'x-first-death-reason': 'delivery_limit', 'x-first-death-queue': names.jobs });
    });

    it('gives a single-active-consumer queue to one consumer at a time, and to the next when it closes', async () => {
      const { names, bus, message } = await setUp();
      const active = await collect(bus, names.solo);
      const waiting = await collect(bus, names.solo);
      const sent = [message('solo'), message('solo'), message('solo')];
      for (const m of sent) await bus.publish(m);
      // All three with one consumer, and so none with the other.
      await waitFor(() => expect(active.ids()).toEqual(sent.map((m) => m.properties?.messageId)));
      active.deliveries[0]!.ack();
      await active.subscription.close();
      // The next consumer takes over, starting with what the first left unacked.
      await waitFor(() => expect(waiting.ids()).toEqual(sent.slice(1).map((m) => m.properties?.messageId)));
      expect(waiting.deliveries.every((d) => d.redelivered)).toBe(true);
      waiting.deliveries.forEach((d) => d.ack());
      const later = message('solo');
      await bus.publish(later);
      await waitFor(() => expect(waiting.ids().at(-1)).toBe(later.properties?.messageId));
    });

    it('keeps its subscriptions across a dropped connection: unsettled deliveries come again, new ones keep coming', async () => {
      const { names, bus, message } = await setUp();
      const before = message();
      await bus.publish(before);
      const jobs = await collect(bus, names.jobs);
      await waitFor(() => expect(jobs.deliveries).toHaveLength(1));
      const stale = jobs.deliveries[0]!;
      await subject.interrupt(bus);
      await waitFor(() => expect(jobs.deliveries).toHaveLength(2));
      expect(stale.signal.aborted).toBe(true);
      stale.ack();
      expect(jobs.deliveries[1]).toMatchObject({ redelivered: true });
      jobs.deliveries[1]!.ack();
      const after = message();
      await waitFor(() => bus.publish(after));
      await waitFor(() => expect(jobs.ids().at(-1)).toBe(after.properties?.messageId));
      jobs.deliveries.at(-1)!.ack();
    });

    it('in verify mode, refuses to connect while an exchange or queue is missing, and names it', async () => {
      const { names, topology } = caseTopology();
      onTestFinished(() => subject.remove(topology));
      await expect(subject.connect(topology, { topologyMode: 'verify' })).rejects.toMatchObject({
        code: 'ERR_BROKER_UNAVAILABLE',
        message: expect.stringContaining(`exchange ${names.work} does not exist`),
      });
      const declarer = await subject.connect(topology);
      const verifier = await subject.connect(topology, { topologyMode: 'verify' });
      await verifier.close();
      await declarer.close();
    });
  });
}
