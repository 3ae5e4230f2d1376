import { frameworkMessages, topology as buildTopology, type AnyContract, type AnySystem, type MessageContract, type Topology } from '@saga/contracts';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import { BaseConfig } from '@saga/runtime';
import { channelObject, topologyChannels, type Channel, type ExchangeChannel, type QueueChannel } from './channels.ts';
import { deadLetterMessage } from './dead-letter.ts';
import { exampleEnvelope } from './examples.ts';
import { introduction } from './info.ts';
import type { JsonObject } from './json.ts';
import { messageObject } from './messages.ts';
import { DEFAULT_NAMESPACE, NAMESPACE_PARAMETER, NAMESPACE_PLACEHOLDER, namespaceVariable } from './namespace.ts';
import { operations, type RoutedMessage } from './operations.ts';
import { sagaSection } from './saga-flow.ts';
import { forwardOf, routeOf } from './routes.ts';
import { placements } from './saga-placement.ts';
import { componentSchemas, sagaInputSchemaIds } from './schemas.ts';

export interface DocumentSources {
  /** The system to document: its participants and messages, the framework's included. */
  system: AnySystem;
  /** Its saga definitions (every version deployed): their flows, inputs and the examples. */
  sagas: Iterable<AnySagaDefinition>;
  /**
   * The document's version (info.version). Raise it when the document changes for clients;
   * a released version's schemas are published once and never rewritten. @default '0.1.0'
   */
  version?: string;
  /** @default every message of the system */
  contracts?: readonly MessageContract[];
  /**
   * The default of the `namespace` server variable and channel parameter, which every address
   * starts with: the SAGA_NAMESPACE the system's deployment uses. @default 'saga' (the services'
   * default SAGA_NAMESPACE)
   */
  namespace?: string;
}

export const documentVersion = (sources: Pick<DocumentSources, 'version'>): string => sources.version ?? '0.1.0';
/** The namespace a client substitutes for `{namespace}` unless told otherwise. */
export const documentNamespace = (sources: Pick<DocumentSources, 'namespace'>): string => sources.namespace ?? DEFAULT_NAMESPACE;

const SERVICE_TAGS: Record<string, string> = {
  client: 'Anyone outside the system: starts sagas.',
  orchestrator: "Runs the sagas: consumes StartSaga and replies, sends commands; routes each saga's own messages to its partition.",
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
 *
 * Names are templates: the topology is built for the namespace `{namespace}`, the `namespace`
 * parameter of every channel and variable of the server, so one document serves every deployment
 * of the system and a client fills in its own. Examples, being concrete, use the default.
 */
export function buildAsyncApiDocument(sources: DocumentSources): JsonObject {
  const { system } = sources;
  const sagas = [...sources.sagas];
  const contracts = withSystemExamples(system, sources.contracts ?? system.messageList, sagas);
  const namespace = documentNamespace(sources);
  const topology = buildTopology(system, NAMESPACE_PLACEHOLDER);
  const concrete = buildTopology(system, namespace);
  const defaults = BaseConfig.parse({});
  const inputIds = sagaInputSchemaIds(sagas);
  const channels = topologyChannels(topology);
  const routed = routeAll(contracts, topology, channels);
  const placed = placements(sagas);
  const startSaga = routed.find((m) => m.contract.type === frameworkMessages.StartSaga.type && !m.forwardedFrom);
  if (!startSaga) throw new Error('StartSaga is not among the contracts');
  const amqp = new URL(defaults.AMQP_URL);
  const tags = [...new Set(['client', 'orchestrator', ...system.participants, 'participant', 'operator', 'command', 'reply', 'dead-letter'])];
  const tagDescription = (name: string) => SERVICE_TAGS[name] ?? system.participantDescriptions[name] ?? `Participant of ${system.title}.`;

  return {
    asyncapi: '3.0.0',
    id: `urn:${system.name}:messages`,
    info: {
      title: `${system.title} — messages`,
      // Each message also carries its own schema version.
      version: documentVersion(sources),
      description: introduction({
        system,
        topology,
        namespace,
        startSaga: startSaga.route,
        startSagaExample: exampleEnvelope(startSaga.contract, undefined),
        maxMessageBytes: defaults.MAX_MESSAGE_BYTES,
        sagaSections: sagas.map((saga) => sagaSection(saga, inputIds.get(saga)!)),
      }),
      tags: tags.map((name) => ({ name, description: tagDescription(name) })),
    },
    servers: {
      rabbitmq: {
        host: amqp.host,
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: `The broker the services use by default (AMQP_URL), virtual host "/". Deployments set their own AMQP_URL, and their own namespace (variable \`${NAMESPACE_PARAMETER}\`, the channels' parameter of the same name).`,
        variables: { [NAMESPACE_PARAMETER]: namespaceVariable(namespace) },
      },
    },
    defaultContentType: 'application/json',
    channels: channelsObject(channels, routed, topology),
    operations: operations(system, routed, {
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
              return [contract.type, messageObject(system, contract, { route, forward }, placed.get(contract.type), topology)];
            }),
        ),
        DeadLetter: deadLetterMessage(concrete, sagas),
      },
      parameters: { [NAMESPACE_PARAMETER]: namespaceVariable(namespace) },
      correlationIds: {
        sagaId: {
          description: "The saga id: the same on every message of one saga, and its hash picks the saga's partition. StartSaga may omit it; the orchestrator then derives it.",
          location: '$message.payload#/correlationId',
        },
      },
      tags: Object.fromEntries(tags.map((name) => [name, { name, description: tagDescription(name) }])),
    },
  };
}

/**
 * The framework's own examples name no saga and no command of this system: StartSaga's names a
 * saga `my-saga`, CommandExpired's some command. Document the first saga that has an example input
 * and the first command a participant handles instead, so that a client following the document
 * starts a saga that runs, and a reader sees a message the system really sends.
 */
function withSystemExamples(system: AnySystem, contracts: readonly AnyContract[], sagas: readonly AnySagaDefinition[]): AnyContract[] {
  const saga = sagas.find((s) => s.example !== undefined);
  const command = contracts.find((c) => c.kind === 'command' && system.participants.includes(c.to));
  return contracts.map((c) => {
    if (c.type === frameworkMessages.StartSaga.type && saga) {
      return { ...c, example: { sagaType: saga.name, idempotencyKey: 'checkout-7f3a', input: saga.example as Record<string, unknown> } };
    }
    if (c.type === frameworkMessages.CommandExpired.type && command) return { ...c, example: { ...(c.example as object), command: command.type } };
    return c;
  });
}
