import type { AnySystem, MessageContract, Topology } from '@saga/contracts';
import { AMQP_BINDING_VERSION, channelMessageRef, channelRef, type Channel, type ExchangeChannel, type QueueChannel } from './channels.ts';
import { routeSentence, type Route } from './routes.ts';
import { pascal, ref, type JsonObject } from './json.ts';

/** One hop of a message type: who publishes it where. StartSaga has two, the client's and the orchestrator's forward. */
export interface RoutedMessage {
  contract: MessageContract;
  /** Who publishes it on this route: the contract's sender, or the orchestrator when it forwards. */
  sender: string;
  route: Route;
  /** Set when the orchestrator republishes it here after taking it from this queue, its first route. */
  forwardedFrom?: QueueChannel;
}

/** What the runtime's publishEnvelope sets on every publish. */
const publishBinding = (routingKey: string | undefined): JsonObject => ({
  amqp: {
    ...(routingKey !== undefined ? { cc: [routingKey] } : {}),
    deliveryMode: 2,
    mandatory: false,
    timestamp: true,
    bindingVersion: AMQP_BINDING_VERSION,
  },
});
/** Consumers ack manually, after the effect (and any reply) is safely stored or published. */
const consumeBinding: JsonObject = { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } };

const tag = (name: string): JsonObject => ref(`#/components/tags/${name}`);
const plural = (kind: MessageContract['kind']): string => (kind === 'reply' ? 'replies' : 'commands');

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The replies to the commands of a group, as references into the channel they travel on. */
function replyTo(system: AnySystem, group: readonly RoutedMessage[], channel: Channel): JsonObject | undefined {
  const replies = group.flatMap(({ contract }) => system.repliesTo(contract.type));
  if (replies.length === 0) return undefined;
  return { channel: channelRef(channel), messages: replies.map((r) => channelMessageRef(channel, r.type)) };
}

/** Messages a service sends into its own partitions are not a request to another service: named for where they go. */
const toOwnPartitions = ({ sender, route }: RoutedMessage): boolean => route.queue.partitions !== undefined && sender === route.queue.spec.consumer;

function sendTitle(first: RoutedMessage): [id: string, title: string] {
  const { contract, sender } = first;
  if (toOwnPartitions(first)) return [`${sender}SendsToSagaPartitions`, `${sender} sends a saga's own messages to its partition`];
  return [`${sender}Sends${pascal(plural(contract.kind))}To${pascal(contract.to)}`, `${sender} sends ${plural(contract.kind)} to ${contract.to}`];
}

function sendOperation(system: AnySystem, group: readonly RoutedMessage[], replyChannel: Channel | undefined, topology: Topology): [string, JsonObject] {
  const { route } = group[0]!;
  const types = group.map((m) => m.contract.type);
  const forwarded = group.filter((m) => m.forwardedFrom);
  const reply = replyChannel ? replyTo(system, group, replyChannel) : undefined;
  const [id, title] = sendTitle(group[0]!);
  return [
    id,
    {
      action: 'send',
      channel: channelRef(route.exchange),
      title,
      summary: types.join(', '),
      description: [
        `Publish to ${routeSentence(route, topology)}; persistent, content type application/json.`,
        ...forwarded.map(
          (m) => `${m.contract.type} is forwarded from queue \`${m.forwardedFrom!.spec.name}\` once its saga id is resolved, unchanged but for \`correlationId\`, which is now the saga id.`,
        ),
      ].join('\n'),
      tags: [tag(group[0]!.sender)],
      bindings: publishBinding(route.routingKey),
      messages: types.map((t) => channelMessageRef(route.exchange, t)),
      ...(reply ? { reply } : {}),
    },
  ];
}

function receiveOperation(system: AnySystem, group: readonly RoutedMessage[], replyChannel: Channel | undefined, forwardsTo: string | undefined): [string, JsonObject] {
  const { contract, route } = group[0]!;
  const { consumer, name } = route.queue.spec;
  const types = group.map((m) => m.contract.type);
  const reply = replyChannel ? replyTo(system, group, replyChannel) : undefined;
  const partitions = route.queue.partitions;
  const [id, title] = partitions
    ? [`${consumer}ReceivesSagaPartitions`, `${consumer} receives the messages of its sagas, each on the saga's partition`]
    : [`${consumer}Receives${pascal(plural(contract.kind))}`, `${consumer} receives ${plural(contract.kind)}`];
  const queues = partitions ? `every partition queue \`${partitions[0]!.name}\` … \`${partitions.at(-1)!.name}\`` : `queue \`${name}\``;
  return [
    id,
    {
      action: 'receive',
      channel: channelRef(route.queue),
      title,
      summary: types.join(', '),
      description: [
        `Consume ${queues} with manual acks. A message that does not decode, or whose handler fails for good, is dead-lettered with a reason.`,
        ...(partitions ? ['Each partition has a single active consumer: one instance at a time applies the messages of a saga, in order.'] : []),
        ...(forwardsTo ? [`Any instance takes a message here; it forwards it to the saga's partition (operation \`${forwardsTo}\`), where it is applied.`] : []),
      ].join('\n'),
      tags: [tag(consumer)],
      bindings: consumeBinding,
      messages: types.map((t) => channelMessageRef(route.queue, t)),
      ...(reply ? { reply } : {}),
    },
  ];
}

/**
 * Every operation of every service, grouped by who sends what where: one send per (sender, route)
 * and one receive per queue channel. Commands carry a `reply` naming the replies they get back, on
 * the channel where the requester receives them (the orchestrator's partitions) or where the
 * replier publishes them (participant).
 */
export function operations(
  system: AnySystem,
  routed: readonly RoutedMessage[],
  channels: { replies: ExchangeChannel; replyQueue: QueueChannel; deadLetter: ExchangeChannel; deadLetterQueue: QueueChannel },
  topology: Topology,
): Record<string, JsonObject> {
  const sends = [...groupBy(routed, (m) => `${m.sender}|${m.route.exchange.id}|${m.route.routingKey}`).values()].map((group) =>
    sendOperation(system, group, group[0]!.contract.kind === 'command' ? channels.replyQueue : undefined, topology),
  );
  const forwards = routed.filter((m) => m.forwardedFrom);
  const receives = [...groupBy(routed, (m) => m.route.queue.id).values()].map((group) => {
    const forward = forwards.find((f) => f.forwardedFrom === group[0]!.route.queue);
    return receiveOperation(system, group, group[0]!.contract.kind === 'command' ? channels.replies : undefined, forward && sendTitle(forward)[0]);
  });
  const consumers = [...new Set(routed.map((m) => m.route.queue.spec.consumer))];
  const deadLetters = consumers.map((consumer): [string, JsonObject] => [
    `${consumer}SendsDeadLetters`,
    {
      action: 'send',
      channel: channelRef(channels.deadLetter),
      title: `${consumer} dead-letters what it cannot process`,
      description: `Fanout exchange \`${channels.deadLetter.spec.name}\`: the routing key is ignored (the runtime uses an empty one).`,
      tags: [tag(consumer), tag('dead-letter')],
      bindings: publishBinding(undefined),
      messages: [channelMessageRef(channels.deadLetter, 'DeadLetter')],
    },
  ]);
  const operator: [string, JsonObject] = [
    `${channels.deadLetterQueue.spec.consumer}ReceivesDeadLetters`,
    {
      action: 'receive',
      channel: channelRef(channels.deadLetterQueue),
      title: 'An operator inspects dead letters',
      tags: [tag(channels.deadLetterQueue.spec.consumer), tag('dead-letter')],
      bindings: consumeBinding,
      messages: [channelMessageRef(channels.deadLetterQueue, 'DeadLetter')],
    },
  ];
  return Object.fromEntries([...sends, ...receives, ...deadLetters, operator]);
}
