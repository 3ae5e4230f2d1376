import type { Channel } from 'amqplib';
import type { BusTopology } from '../bus-topology.ts';

/**
 * Declares every exchange, queue and binding. Runs inside an amqp-connection-manager setup
 * function, so it runs again on every reconnect: a broker that lost its definitions (a fresh node,
 * a restarted one without persistence) gets them back before the first publish.
 */
export async function assertTopology(channel: Channel, topology: BusTopology): Promise<void> {
  for (const exchange of topology.exchanges) {
    await channel.assertExchange(exchange.name, exchange.type, { durable: true });
  }
  for (const queue of topology.queues) {
    await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
  }
  for (const binding of topology.bindings) {
    await channel.bindQueue(binding.queue, binding.exchange, binding.routingKey);
  }
}
