import { allQueues, partitionOf, topology } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { documentNamespace } from '../document.ts';
import { NAMESPACE_PARAMETER, NAMESPACE_PLACEHOLDER } from '../namespace.ts';
import type { AsyncApiCheckOptions } from './check-options.ts';
import { addressesOf, amqp, documentQueries, modelOf as model, type ParsedDocument } from './parsed-document.ts';

/**
 * The channels, read as a client would: one per exchange and queue of the system's topology,
 * declared as the runtime declares them, at addresses that start with `{namespace}`, which the
 * server variable and every channel's parameter give the same default.
 */
export function describeTopologyChecks(options: AsyncApiCheckOptions, parsed: () => Promise<ParsedDocument>): void {
  const namespace = documentNamespace(options);
  const concrete = topology(options.system, namespace);
  const template = topology(options.system, NAMESPACE_PLACEHOLDER);
  const partitionChannel = async () => (await model(parsed)).channels().all().find((c) => c.parameters().get('partition') !== undefined)!;

  describe('the channels of the AsyncAPI document, read as a client would read them', () => {
    it(`declare the namespace as a server variable and as a parameter of every channel, default ${namespace}`, async () => {
      const document = await model(parsed);
      for (const server of document.servers().all()) {
        expect(server.variables().get(NAMESPACE_PARAMETER)?.defaultValue(), server.id()).toBe(namespace);
      }
      for (const channel of document.channels().all()) {
        expect(channel.address()?.startsWith(`${NAMESPACE_PLACEHOLDER}.`), channel.id()).toBe(true);
        expect(channel.parameters().get(NAMESPACE_PARAMETER)?.schema()?.default(), channel.id()).toBe(namespace);
      }
    });

    it('have one channel for every exchange and every queue, the partition queues as one with a {partition} parameter', async () => {
      const addresses = (await model(parsed)).channels().all().flatMap(addressesOf);
      expect(addresses.sort()).toEqual([...Object.values(concrete.exchanges), ...allQueues(concrete)].map((x) => x.name).sort());
      expect(addressesOf(await partitionChannel())).toEqual(concrete.queues.orchestratorPartitions.map((q) => q.name));
    });

    it("route a saga's messages to the partition queue the runtime uses: FNV-1a of the saga id, modulo the partition count", async () => {
      const channel = await partitionChannel();
      for (const sagaId of ['order-1001', '2b855f87-40ff-4d77-8c8f-fab7e299688f', 'a', 'Z_9-']) {
        const k = String(partitionOf(sagaId, concrete.partitionCount));
        const bound = concrete.bindings.find((b) => b.exchange === concrete.exchanges.replies.name && b.routingKey === concrete.replyRoutingKey(sagaId))!.queue;
        expect(channel.address()!.replace('{partition}', k).replace(NAMESPACE_PLACEHOLDER, namespace), sagaId).toBe(bound);
      }
      expect(channel.parameters().get('partition')?.description()).toContain('FNV-1a 32-bit hash');
    });

    it('say what single active consumer and the delivery limit mean, on every queue that has them', async () => {
      for (const channel of (await model(parsed)).channels().all().filter((c) => amqp(c.bindings()).is === 'queue')) {
        const args = (amqp(channel.bindings())['queue'] as Record<string, Record<string, unknown>>)['x-arguments']!;
        if (args['x-single-active-consumer']) expect(channel.description(), channel.address()!).toContain('**Single active consumer**');
        if (args['x-delivery-limit']) expect(channel.description(), channel.address()!).toContain(`**Delivery limit** (\`x-delivery-limit\`: ${String(args['x-delivery-limit'])})`);
      }
    });

    it('declare every exchange as the runtime does: type and durability', async () => {
      const q = documentQueries(await model(parsed));
      for (const exchange of Object.values(template.exchanges)) {
        expect(amqp(q.channelAt(exchange.name, 'routingKey')!.bindings()), exchange.name).toMatchObject({
          is: 'routingKey',
          exchange: { name: exchange.name, type: exchange.type, durable: true, autoDelete: false },
        });
      }
    });

    it('declare every queue as the runtime does: durable, with its arguments (the dead-letter exchange a template too)', async () => {
      const channels = (await model(parsed)).channels().all();
      const templates = allQueues(template);
      allQueues(concrete).forEach((queue, i) => {
        const channel = channels.find((c) => amqp(c.bindings()).is === 'queue' && addressesOf(c).includes(queue.name));
        expect(amqp(channel!.bindings()), queue.name).toMatchObject({
          is: 'queue',
          queue: { name: channel!.address(), durable: true, exclusive: false, autoDelete: false, 'x-arguments': templates[i]!.arguments },
        });
      });
    });
  });
}
