import { isDeepStrictEqual } from 'node:util';
import type { ExchangeSpec, QueueSpec, Topology } from '@saga/contracts';
import { ref, type JsonObject } from './json.ts';
import { NAMESPACE_PARAMETER, NAMESPACE_PLACEHOLDER, namespaceParameterRef } from './namespace.ts';
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

/**
 * The one text that becomes `values[k]` when `{partition}` is replaced by k: `saga.orchestrator.p0`,
 * `…p1` → `saga.orchestrator.p{partition}`. Checked against every value, so a naming change in the
 * topology fails here instead of documenting a queue that does not exist.
 */
export function partitionTemplate(values: readonly string[], what: string): string {
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

/** The routing key of the partition channel, `p{partition}`. */
export const partitionKeyTemplate = (topology: Topology): string =>
  partitionTemplate(topology.queues.orchestratorPartitions.map((_, k) => topology.partitionRoutingKey(k)), 'routing keys');

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

/** The address parameters of a channel: the namespace every name starts with, and a partition queue's number. */
function addressParameters(channel: Channel, topology: Topology): JsonObject {
  const parameters: JsonObject = {};
  if (channel.spec.name.includes(NAMESPACE_PLACEHOLDER)) parameters[NAMESPACE_PARAMETER] = namespaceParameterRef();
  if (channel.kind === 'queue' && channel.partitions) {
    parameters[PARTITION_PARAMETER] = partitionParameter(topology, channel.spec.name, partitionKeyTemplate(topology));
  }
  return Object.keys(parameters).length > 0 ? { parameters } : {};
}

/**
 * One AsyncAPI channel, with its AMQP binding exactly as `assertTopology` declares it. The
 * topology is the template one (namespace `{namespace}`), so addresses and binding names are
 * templates a client fills in from the channel parameters.
 */
export function channelObject(channel: Channel, topology: Topology, messageTypes: readonly string[]): JsonObject {
  const messages = Object.fromEntries(messageTypes.map((t) => [t, ref(`#/components/messages/${t}`)]));
  const lines = bindingLines(channel, topology);
  if (channel.kind === 'exchange') {
    const { spec } = channel;
    return {
      address: spec.name,
      title: `Exchange ${spec.name}`,
      description: [`${spec.description} A durable **${spec.type}** exchange.`, '', ...lines].join('\n'),
      ...addressParameters(channel, topology),
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
    ...addressParameters(channel, topology),
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
