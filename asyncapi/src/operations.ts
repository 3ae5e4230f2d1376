import { repliesTo, type MessageContract, type MessageType } from '@saga/contracts';
import {
  AMQP_BINDING_VERSION,
  channelMessageRef,
  channelRef,
  type Channel,
  type ExchangeChannel,
  type QueueChannel,
  type Route,
} from './channels.ts';
import { pascal, ref, type JsonObject } from './json.ts';

export interface RoutedMessage {
  contract: MessageContract;
  route: Route;
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
function replyTo(group: readonly RoutedMessage[], channel: Channel): JsonObject | undefined {
  const replies = group.flatMap(({ contract }) => repliesTo(contract.type as MessageType));
  if (replies.length === 0) return undefined;
  return { channel: channelRef(channel), messages: replies.map((r) => channelMessageRef(channel, r.type)) };
}

function sendOperation(group: readonly RoutedMessage[], replyChannel: Channel | undefined): [string, JsonObject] {
  const { contract, route } = group[0]!;
  const kind = pascal(plural(contract.kind));
  const types = group.map((m) => m.contract.type);
  const reply = replyChannel ? replyTo(group, replyChannel) : undefined;
  return [
    `${contract.from}Sends${kind}To${pascal(contract.to)}`,
    {
      action: 'send',
      channel: channelRef(route.exchange),
      title: `${contract.from} sends ${plural(contract.kind)} to ${contract.to}`,
      summary: types.join(', '),
      description: `Publish to exchange \`${route.exchange.spec.name}\` with routing key \`${route.routingKey}\` (queue \`${route.queue.spec.name}\` receives it), persistent, content type application/json.`,
      tags: [tag(contract.from)],
      bindings: publishBinding(route.routingKey),
      messages: types.map((t) => channelMessageRef(route.exchange, t)),
      ...(reply ? { reply } : {}),
    },
  ];
}

function receiveOperation(group: readonly RoutedMessage[], replyChannel: Channel | undefined): [string, JsonObject] {
  const { contract, route } = group[0]!;
  const types = group.map((m) => m.contract.type);
  const reply = replyChannel ? replyTo(group, replyChannel) : undefined;
  return [
    `${route.queue.spec.consumer}Receives${pascal(plural(contract.kind))}`,
    {
      action: 'receive',
      channel: channelRef(route.queue),
      title: `${route.queue.spec.consumer} receives ${plural(contract.kind)}`,
      summary: types.join(', '),
      description: `Consume queue \`${route.queue.spec.name}\` with manual acks. A message that does not decode, or whose handler fails for good, is dead-lettered with a reason.`,
      tags: [tag(route.queue.spec.consumer)],
      bindings: consumeBinding,
      messages: types.map((t) => channelMessageRef(route.queue, t)),
      ...(reply ? { reply } : {}),
    },
  ];
}

/**
 * Every operation of every service, grouped by who sends what where: one send per (sender, route)
 * and one receive per queue. Commands carry a `reply` naming the replies they get back, on the
 * channel where the requester receives them (orchestrator) or where the replier publishes them
 * (participant).
 */
export function operations(
  routed: readonly RoutedMessage[],
  channels: { replies: ExchangeChannel; orchestratorReplies: QueueChannel; deadLetter: ExchangeChannel; deadLetterQueue: QueueChannel },
): Record<string, JsonObject> {
  const sends = [...groupBy(routed, (m) => `${m.contract.from}|${m.route.exchange.id}|${m.route.routingKey}`).values()].map((group) =>
    sendOperation(group, group[0]!.contract.kind === 'command' ? channels.orchestratorReplies : undefined),
  );
  const receives = [...groupBy(routed, (m) => m.route.queue.id).values()].map((group) =>
    receiveOperation(group, group[0]!.contract.kind === 'command' ? channels.replies : undefined),
  );
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
