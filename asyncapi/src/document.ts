import { messageList, messages, topology as buildTopology, PARTICIPANTS, type MessageContract, type Topology } from '@saga/contracts';
import { sagaDefinitions, type AnySagaDefinition } from '@saga/orchestrator/domain';
import contractsPackage from '../../contracts/package.json' with { type: 'json' };
import { BaseConfig } from '@saga/runtime';
import { channelObject, forwardOf, routeOf, topologyChannels, type Channel, type ExchangeChannel, type QueueChannel } from './channels.ts';
import { deadLetterMessage } from './dead-letter.ts';
import { exampleEnvelope } from './examples.ts';
import { introduction } from './info.ts';
import type { JsonObject } from './json.ts';
import { messageObject } from './messages.ts';
import { operations, type RoutedMessage } from './operations.ts';
import { sagaSection } from './saga-flow.ts';
import { placements } from './saga-placement.ts';
import { componentSchemas, sagaInputSchemaId } from './schemas.ts';

export interface DocumentSources {
  /** @default every message of the @saga/contracts registry */
  contracts?: readonly MessageContract[];
  /** @default the orchestrator's sagaDefinitions */
  sagas?: Iterable<AnySagaDefinition>;
  /** Addresses carry this prefix. @default 'saga' (the services' default SAGA_NAMESPACE) */
  namespace?: string;
}

const SERVICE_TAGS: Record<string, string> = {
  client: 'Anyone outside the system: starts sagas.',
  orchestrator: "Runs the sagas: consumes StartSaga and replies, sends commands; routes each saga's own messages to its partition.",
  inventory: 'Participant: reserves and releases stock.',
  payment: 'Participant: charges and refunds.',
  shipping: 'Participant: books and cancels shipments.',
  notification: 'Participant: sends the order confirmation.',
  participant: 'Any participant: what the participant runtime sends on its own (e.g. CommandExpired).',
  operator: 'A person who inspects the dead-letter queue.',
  command: 'A message that asks a service to do something.',
  reply: 'A message that says how a command went.',
  'dead-letter': 'Messages that could not be processed.',
};

function find<T extends Channel>(channels: readonly Channel[], kind: T['kind'], name: string): T {
  const channel = channels.find((c) => c.kind === kind && (c.spec.name === name || (c.kind === 'queue' && c.partitions?.some((q) => q.name === name))));
  if (!channel) throw new Error(`no ${kind} named ${name} in the topology`);
  return channel as T;
}

/** Each message type's hops: as its sender publishes it, then, for StartSaga, the orchestrator's forward to the saga's partition. */
function routeAll(contracts: readonly MessageContract[], topology: Topology, channels: readonly Channel[]): RoutedMessage[] {
  return contracts.flatMap((contract): RoutedMessage[] => {
    const route = routeOf(contract, topology, channels);
    const forward = forwardOf(contract, topology, channels);
    return [
      { contract, sender: contract.from, route },
      ...(forward ? [{ contract, sender: route.queue.spec.consumer, route: forward, forwardedFrom: route.queue }] : []),
    ];
  });
}

function channelsObject(channels: readonly Channel[], routed: readonly RoutedMessage[], topology: Topology): JsonObject {
  const deadLetterNames = new Set([topology.exchanges.deadLetter.name, topology.queues.deadLetter.name]);
  return Object.fromEntries(
    channels.map((channel) => {
      const types = deadLetterNames.has(channel.spec.name)
        ? ['DeadLetter']
        : [...new Set(routed.filter((m) => m.route.exchange === channel || m.route.queue === channel).map((m) => m.contract.type))];
      return [channel.id, channelObject(channel, topology, types)];
    }),
  );
}

/**
 * The AsyncAPI 3.0.0 document of the whole system, as plain JSON: every exchange and queue as a
 * channel, every send and receive of every service as an operation, every registered message with
 * its envelope schema and a validating example, and each saga's flow in the description.
 */
export function buildAsyncApiDocument(sources: DocumentSources = {}): JsonObject {
  const contracts = sources.contracts ?? messageList;
  const sagas = [...(sources.sagas ?? sagaDefinitions)];
  const topology = buildTopology(sources.namespace ?? 'saga');
  const defaults = BaseConfig.parse({});
  const channels = topologyChannels(topology);
  const routed = routeAll(contracts, topology, channels);
  const placed = placements(sagas);
  const startSaga = routed.find((m) => m.contract.type === messages.StartSaga.type && !m.forwardedFrom);
  if (!startSaga) throw new Error('StartSaga is not among the contracts');
  const amqp = new URL(defaults.AMQP_URL);
  const tags = [...new Set(['client', 'orchestrator', ...PARTICIPANTS, 'participant', 'operator', 'command', 'reply', 'dead-letter'])];

  return {
    asyncapi: '3.0.0',
    id: 'urn:saga-orchestrator:messages',
    info: {
      title: 'Saga orchestrator messages',
      // The contracts' package version: the document changes when they do. Each message also
      // carries its own schema version.
      version: contractsPackage.version,
      description: introduction({
        topology,
        startSaga: startSaga.route,
        startSagaExample: exampleEnvelope(startSaga.contract, undefined),
        maxMessageBytes: defaults.MAX_MESSAGE_BYTES,
        sagaSections: sagas.map((saga) => sagaSection(saga, sagaInputSchemaId(saga))),
      }),
      tags: tags.map((name) => ({ name, description: SERVICE_TAGS[name] ?? name })),
    },
    servers: {
      local: {
        host: amqp.host,
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'The broker the services use by default (AMQP_URL), virtual host "/". Deployments set their own AMQP_URL.',
      },
    },
    defaultContentType: 'application/json',
    channels: channelsObject(channels, routed, topology),
    operations: operations(routed, {
      replies: find<ExchangeChannel>(channels, 'exchange', topology.exchanges.replies.name),
      replyQueue: find<QueueChannel>(channels, 'queue', topology.queues.orchestratorPartitions[0]!.name),
      deadLetter: find<ExchangeChannel>(channels, 'exchange', topology.exchanges.deadLetter.name),
      deadLetterQueue: find<QueueChannel>(channels, 'queue', topology.queues.deadLetter.name),
    }, topology),
    components: {
      schemas: componentSchemas(contracts, sagas),
      messages: {
        ...Object.fromEntries(
          routed
            .filter((m) => !m.forwardedFrom)
            .map(({ contract, route }) => {
              const forward = routed.find((m) => m.contract === contract && m.forwardedFrom)?.route;
              return [contract.type, messageObject(contract, { route, forward }, placed.get(contract.type), topology)];
            }),
        ),
        DeadLetter: deadLetterMessage(),
      },
      correlationIds: {
        sagaId: {
          description: "The saga id: the same on every message of one saga, and its hash picks the saga's partition. StartSaga may omit it; the orchestrator then derives it.",
          location: '$message.payload#/correlationId',
        },
      },
      tags: Object.fromEntries(tags.map((name) => [name, { name, description: SERVICE_TAGS[name] ?? name }])),
    },
  };
}
