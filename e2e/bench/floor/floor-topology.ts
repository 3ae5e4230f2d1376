import type { ConfirmChannel } from 'amqplib';

/**
 * The floor's RabbitMQ names. StartSaga uses the same exchange and routing key as the project
 * (`<ns>.commands`, `orchestrator`), so the driver starts both systems with the same message.
 * Replies go to one queue with routing key `orchestrator`; lifecycle events (FLOOR_EVENTS=1) to
 * the topic exchange `<ns>.events`, as the project will.
 */
export function floorTopology(namespace: string) {
  return {
    commands: `${namespace}.commands`,
    replies: `${namespace}.replies`,
    events: `${namespace}.events`,
    startQueue: `${namespace}.orchestrator.commands`,
    replyQueue: `${namespace}.orchestrator.replies`,
    participantQueue: (participant: string) => `${namespace}.${participant}.commands`,
    participants: ['inventory', 'payment', 'shipping', 'notification'] as const,
  };
}
export type FloorTopology = ReturnType<typeof floorTopology>;

/** Quorum queues, as the project's: replicated and durable; messages are published persistent. */
const QUORUM = { durable: true, arguments: { 'x-queue-type': 'quorum' } };

/** Declares the exchanges and the queues one process consumes (idempotent: every process runs it). */
export async function declareFloorTopology(channel: ConfirmChannel, names: FloorTopology, own: 'orchestrator' | string): Promise<void> {
  await channel.assertExchange(names.commands, 'direct', { durable: true });
  await channel.assertExchange(names.replies, 'direct', { durable: true });
  await channel.assertExchange(names.events, 'topic', { durable: true });
  if (own === 'orchestrator') {
    await channel.assertQueue(names.startQueue, QUORUM);
    await channel.bindQueue(names.startQueue, names.commands, 'orchestrator');
    await channel.assertQueue(names.replyQueue, QUORUM);
    await channel.bindQueue(names.replyQueue, names.replies, 'orchestrator');
  }
  for (const participant of names.participants) {
    if (own !== 'orchestrator' && own !== participant) continue;
    await channel.assertQueue(names.participantQueue(participant), QUORUM);
    await channel.bindQueue(names.participantQueue(participant), names.commands, participant);
  }
}
