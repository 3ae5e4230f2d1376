import type { ExchangeSpec, MessageContract, QueueSpec, Topology } from '@saga/contracts';
import { ref, type JsonObject } from './json.ts';

export const AMQP_BINDING_VERSION = '0.3.0';

export interface ExchangeChannel {
  id: string;
  kind: 'exchange';
  spec: ExchangeSpec;
}
export interface QueueChannel {
  id: string;
  kind: 'queue';
  spec: QueueSpec;
}
export type Channel = ExchangeChannel | QueueChannel;

/** Where a message goes: the exchange it is published to, with which routing key, and the queue that gets it. */
export interface Route {
  exchange: ExchangeChannel;
  routingKey: string;
  queue: QueueChannel;
}

/** Every exchange and queue of the topology, each with a stable channel id (`commandsExchange`, `inventoryCommandsQueue`). */
export function topologyChannels(topology: Topology): Channel[] {
  const { participants, ...own } = topology.queues;
  return [
    ...Object.entries(topology.exchanges).map(([key, spec]): Channel => ({ id: `${key}Exchange`, kind: 'exchange', spec })),
    ...Object.entries(own).map(([key, spec]): Channel => ({ id: `${key}Queue`, kind: 'queue', spec })),
    ...Object.entries(participants).map(([p, spec]): Channel => ({ id: `${p}CommandsQueue`, kind: 'queue', spec })),
  ];
}

/**
 * The route of one message type, read from the topology the runtime asserts: commands go to the
 * commands exchange keyed by the consuming service, replies to the replies exchange; the queue is
 * whichever one the topology binds to that (exchange, routing key).
 */
export function routeOf(contract: MessageContract, topology: Topology, channels: readonly Channel[]): Route {
  const exchangeSpec = contract.kind === 'command' ? topology.exchanges.commands : topology.exchanges.replies;
  const routingKey = contract.kind === 'command' ? topology.commandRoutingKey(contract.to) : topology.replyRoutingKey;
  const binding = topology.bindings.find((b) => b.exchange === exchangeSpec.name && b.routingKey === routingKey);
  const exchange = channels.find((c): c is ExchangeChannel => c.kind === 'exchange' && c.spec.name === exchangeSpec.name);
  const queue = channels.find((c): c is QueueChannel => c.kind === 'queue' && c.spec.name === binding?.queue);
  if (!exchange || !queue) throw new Error(`${contract.type}: no queue is bound to ${exchangeSpec.name} with routing key "${routingKey}"`);
  return { exchange, routingKey, queue };
}

/** The queues bound to an exchange, with their routing keys, as sentences for a channel description. */
function bindingLines(channel: Channel, topology: Topology): string[] {
  const name = channel.spec.name;
  return topology.bindings
    .filter((b) => (channel.kind === 'exchange' ? b.exchange === name : b.queue === name))
    .map((b) => {
      // A fanout exchange ignores the routing key; the topology binds with an empty one.
      const key = b.routingKey ? `routing key \`${b.routingKey}\`` : 'any routing key';
      return channel.kind === 'exchange' ? `- ${key} → queue \`${b.queue}\`` : `- bound to exchange \`${b.exchange}\` with ${key}`;
    });
}

/** One AsyncAPI channel, with its AMQP binding exactly as `assertTopology` declares it. */
export function channelObject(channel: Channel, topology: Topology, messageTypes: readonly string[]): JsonObject {
  const messages = Object.fromEntries(messageTypes.map((t) => [t, ref(`#/components/messages/${t}`)]));
  const lines = bindingLines(channel, topology);
  if (channel.kind === 'exchange') {
    const { spec } = channel;
    return {
      address: spec.name,
      title: `Exchange ${spec.name}`,
      description: [`${spec.description} A durable **${spec.type}** exchange.`, '', ...lines].join('\n'),
      messages,
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: spec.name, type: spec.type, durable: spec.durable, autoDelete: false, vhost: '/' },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    };
  }
  const { spec } = channel;
  return {
    address: spec.name,
    title: `Queue ${spec.name}`,
    description: [
      `${spec.description} Consumed by **${spec.consumer}**; a durable queue declared with the arguments below.`,
      '',
      ...lines,
    ].join('\n'),
    messages,
    bindings: {
      amqp: {
        is: 'queue',
        queue: {
          name: spec.name,
          durable: spec.durable,
          exclusive: false,
          autoDelete: false,
          vhost: '/',
          // The AMQP binding has no field for queue arguments; they decide the queue type and
          // where rejected messages go, so a client declaring the queue itself needs them.
          'x-arguments': { ...spec.arguments },
        },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

export const channelRef = (channel: Channel): JsonObject => ref(`#/channels/${channel.id}`);
export const channelMessageRef = (channel: Channel, type: string): JsonObject => ref(`#/channels/${channel.id}/messages/${type}`);
