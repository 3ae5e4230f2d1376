import { isDeepStrictEqual } from 'node:util';
import type { ExchangeSpec, MessageContract, QueueSpec, Topology } from '@saga/contracts';
import { ref, type JsonObject } from './json.ts';
import { partitionParameter, PARTITION_PARAMETER, queueArgumentNotes } from './partitions.ts';

export const AMQP_BINDING_VERSION = '0.3.0';

export interface ExchangeChannel {
  id: string;
  kind: 'exchange';
  spec: ExchangeSpec;
}
export interface QueueChannel {
  id: string;
  kind: 'queue';
  /** For a partitioned channel, a template: its name holds `{partition}`. */
  spec: QueueSpec;
  /**
   * The queues behind `{partition}`, in partition order. The orchestrator's partition queues are
   * one channel with an address parameter: they differ in the partition number only, and a sender
   * picks one per message, so N channels would say the same thing N times and no operation could
   * name "the saga's partition".
   */
  partitions?: readonly QueueSpec[];
}
export type Channel = ExchangeChannel | QueueChannel;

/** Where a message goes: the exchange it is published to, with which routing key, and the queue that gets it. */
export interface Route {
  exchange: ExchangeChannel;
  /** Literal, or a template holding `{partition}` when the queue is partitioned. */
  routingKey: string;
  queue: QueueChannel;
}

/**
 * The one text that becomes `values[k]` when `{partition}` is replaced by k: `saga.orchestrator.p0`,
 * `…p1` → `saga.orchestrator.p{partition}`. Checked against every value, so a naming change in the
 * topology fails here instead of documenting a queue that does not exist.
 */
function partitionTemplate(values: readonly string[], what: string): string {
  const template = (values[0] ?? '').replace(/0$/, `{${PARTITION_PARAMETER}}`);
  const expands = values.length > 0 && values.every((v, k) => v === template.replace(`{${PARTITION_PARAMETER}}`, String(k)));
  if (!expands) throw new Error(`the ${what} of the orchestrator partitions do not end in their partition number: ${values.join(', ')}`);
  return template;
}

function partitionChannel(topology: Topology): QueueChannel {
  const partitions = topology.queues.orchestratorPartitions;
  const [first] = partitions;
  if (!first || partitions.some((q) => !isDeepStrictEqual(q.arguments, first.arguments) || q.consumer !== first.consumer)) {
    throw new Error('the orchestrator partition queues must exist and be declared alike to be documented as one channel');
  }
  const spec: QueueSpec = {
    ...first,
    name: partitionTemplate(partitions.map((q) => q.name), 'queue names'),
    description: "The orchestrator's partition queues: replies, forwarded StartSagas, wake-ups and operator commands, each in the partition of its saga.",
  };
  return { id: 'orchestratorPartitionQueue', kind: 'queue', spec, partitions };
}

/**
 * Every exchange and queue of the topology, each with a stable channel id (`commandsExchange`,
 * `inventoryCommandsQueue`); the orchestrator's partition queues are the one channel
 * `orchestratorPartitionQueue`.
 */
export function topologyChannels(topology: Topology): Channel[] {
  const { orchestratorCommands, deadLetter, participants } = topology.queues;
  return [
    ...Object.entries(topology.exchanges).map(([key, spec]): Channel => ({ id: `${key}Exchange`, kind: 'exchange', spec })),
    { id: 'orchestratorCommandsQueue', kind: 'queue', spec: orchestratorCommands },
    partitionChannel(topology),
    { id: 'deadLetterQueue', kind: 'queue', spec: deadLetter },
    ...Object.entries(participants).map(([p, spec]): Channel => ({ id: `${p}CommandsQueue`, kind: 'queue', spec })),
  ];
}

function boundRoute(exchangeSpec: ExchangeSpec, routingKey: string, topology: Topology, channels: readonly Channel[], type: string): Route {
  const binding = topology.bindings.find((b) => b.exchange === exchangeSpec.name && b.routingKey === routingKey);
  const exchange = channels.find((c): c is ExchangeChannel => c.kind === 'exchange' && c.spec.name === exchangeSpec.name);
  const queue = channels.find((c): c is QueueChannel => c.kind === 'queue' && c.spec.name === binding?.queue);
  if (!exchange || !queue) throw new Error(`${type}: no queue is bound to ${exchangeSpec.name} with routing key "${routingKey}"`);
  return { exchange, routingKey, queue };
}

const partitionKeyTemplate = (topology: Topology): string =>
  partitionTemplate(topology.queues.orchestratorPartitions.map((_, k) => topology.partitionRoutingKey(k)), 'routing keys');

/** The replies exchange, keyed `p{partition}`, into the partition channel; checked against the bindings of every partition. */
function partitionRoute(topology: Topology, channels: readonly Channel[]): Route {
  const queue = channels.find((c): c is QueueChannel => c.kind === 'queue' && c.partitions !== undefined);
  const exchange = channels.find((c): c is ExchangeChannel => c.kind === 'exchange' && c.spec.name === topology.exchanges.replies.name);
  if (!queue?.partitions || !exchange) throw new Error('the topology has no orchestrator partitions on the replies exchange');
  const keys = queue.partitions.map((q, k) => {
    const key = topology.partitionRoutingKey(k);
    const bound = topology.bindings.some((b) => b.exchange === exchange.spec.name && b.queue === q.name && b.routingKey === key);
    if (!bound) throw new Error(`${q.name} is not bound to ${exchange.spec.name} with routing key "${key}"`);
    return key;
  });
  return { exchange, routingKey: partitionTemplate(keys, 'routing keys'), queue };
}

/**
 * StartSaga may arrive without a saga id, so it cannot be routed by one: it comes in on the shared
 * commands queue. Every other message to the orchestrator carries the saga id and goes straight to
 * the saga's partition.
 */
const toPartition = (contract: MessageContract): boolean => contract.to === 'orchestrator' && contract.correlationRequired;

/**
 * The route of one message type as its sender publishes it, read from the topology the runtime
 * asserts: commands to a participant (and StartSaga) go to the commands exchange keyed by the
 * consuming service; everything else for the orchestrator to the replies exchange keyed by the
 * saga's partition.
 */
export function routeOf(contract: MessageContract, topology: Topology, channels: readonly Channel[]): Route {
  if (toPartition(contract)) return partitionRoute(topology, channels);
  if (contract.kind === 'command') return boundRoute(topology.exchanges.commands, topology.commandRoutingKey(contract.to), topology, channels, contract.type);
  throw new Error(`${contract.type}: a reply is expected to go to the orchestrator`);
}

/**
 * Where the orchestrator republishes a message it received without a saga partition: StartSaga,
 * once its saga id is resolved, goes on to that saga's partition, so that the one instance owning
 * the partition creates the saga.
 */
export function forwardOf(contract: MessageContract, topology: Topology, channels: readonly Channel[]): Route | undefined {
  return contract.to === 'orchestrator' && !toPartition(contract) ? partitionRoute(topology, channels) : undefined;
}

/** "Publish to exchange … with routing key …; queue … receives it", with how to compute the partition. */
export function routeSentence(route: Route, topology: Topology): string {
  const where = `exchange \`${route.exchange.spec.name}\` with routing key \`${route.routingKey}\``;
  if (!route.queue.partitions) return `${where}; it arrives on queue \`${route.queue.spec.name}\``;
  return `${where}, where \`{${PARTITION_PARAMETER}}\` is the FNV-1a 32-bit hash of \`correlationId\` modulo ${topology.partitionCount} (see *Partitions*); it arrives on queue \`${route.queue.spec.name}\`, the saga's partition`;
}

/** The queues bound to an exchange, with their routing keys, as sentences for a channel description. */
function bindingLines(channel: Channel, topology: Topology): string[] {
  const names = channel.kind === 'queue' && channel.partitions ? channel.partitions.map((q) => q.name) : [channel.spec.name];
  return topology.bindings
    .filter((b) => names.includes(channel.kind === 'exchange' ? b.exchange : b.queue))
    .map((b) => {
      // A fanout exchange ignores the routing key; the topology binds with an empty one.
      const key = b.routingKey ? `routing key \`${b.routingKey}\`` : 'any routing key';
      if (channel.kind === 'exchange') return `- ${key} → queue \`${b.queue}\``;
      return `- ${names.length > 1 ? `\`${b.queue}\`: bound` : 'bound'} to exchange \`${b.exchange}\` with ${key}`;
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
  const { spec, partitions } = channel;
  return {
    address: spec.name,
    title: partitions ? `Queues ${spec.name}` : `Queue ${spec.name}`,
    description: [
      `${spec.description} Consumed by **${spec.consumer}**; ${partitions ? `${partitions.length} durable queues, each` : 'a durable queue'} declared with the arguments below.`,
      ...queueArgumentNotes(spec.arguments).map((note) => `\n${note}`),
      '',
      ...lines,
    ].join('\n'),
    ...(partitions ? { parameters: { [PARTITION_PARAMETER]: partitionParameter(topology, spec.name, partitionKeyTemplate(topology)) } } : {}),
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
          // The AMQP binding has no field for queue arguments; they decide the queue type, where
          // rejected messages go, the delivery limit and single active consumer, so a client
          // declaring the queue itself needs them.
          'x-arguments': { ...spec.arguments },
        },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

export const channelRef = (channel: Channel): JsonObject => ref(`#/channels/${channel.id}`);
export const channelMessageRef = (channel: Channel, type: string): JsonObject => ref(`#/channels/${channel.id}/messages/${type}`);
