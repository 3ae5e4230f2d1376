import { PARTICIPANTS, type Participant } from './define-message.ts';

export interface ExchangeSpec {
  name: string;
  type: 'direct' | 'fanout' | 'topic';
  durable: true;
  description: string;
}
export interface QueueSpec {
  name: string;
  durable: true;
  arguments: Record<string, string | number>;
  /** Who consumes it. */
  consumer: string;
  description: string;
}
export interface BindingSpec {
  exchange: string;
  queue: string;
  routingKey: string;
}
export interface Topology {
  namespace: string;
  exchanges: { commands: ExchangeSpec; replies: ExchangeSpec; deadLetter: ExchangeSpec };
  queues: {
    orchestratorCommands: QueueSpec;
    orchestratorReplies: QueueSpec;
    deadLetter: QueueSpec;
    participants: Record<Participant, QueueSpec>;
  };
  bindings: BindingSpec[];
  /** Routing key on the commands exchange that reaches a service's command queue. */
  commandRoutingKey(service: Participant | 'orchestrator'): string;
  /** Routing key on the replies exchange that reaches the orchestrator's response queue. */
  replyRoutingKey: string;
}

/**
 * The RabbitMQ topology as data. `namespace` prefixes every name so that several systems (or test
 * runs) can share one broker. Queues are quorum queues: replicated, durable, and they refuse
 * non-persistent semantics; anything rejected without requeue is dead-lettered to `deadLetter`.
 */
export function topology(namespace = 'saga'): Topology {
  const n = (s: string) => `${namespace}.${s}`;
  const deadLetterExchange = n('dead-letter');
  const workQueue = (name: string, consumer: string, description: string): QueueSpec => ({
    name: n(name),
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': deadLetterExchange },
    consumer,
    description,
  });
  const participants = Object.fromEntries(
    PARTICIPANTS.map((p) => [p, workQueue(`${p}.commands`, p, `Commands for the ${p} participant.`)]),
  ) as Record<Participant, QueueSpec>;
  const queues = {
    orchestratorCommands: workQueue('orchestrator.commands', 'orchestrator', 'StartSaga commands from clients.'),
    orchestratorReplies: workQueue('orchestrator.replies', 'orchestrator', 'Replies from participants: success, failure, compensation completed.'),
    deadLetter: {
      name: n('dead-letter'),
      durable: true as const,
      arguments: { 'x-queue-type': 'quorum' },
      consumer: 'operator',
      description: 'Messages that could not be processed, each with x-death-reason / x-error-code headers.',
    },
    participants,
  };
  const exchanges = {
    commands: { name: n('commands'), type: 'direct' as const, durable: true as const, description: 'Commands, routed by the name of the service that handles them.' },
    replies: { name: n('replies'), type: 'direct' as const, durable: true as const, description: 'Replies to the orchestrator.' },
    deadLetter: { name: deadLetterExchange, type: 'fanout' as const, durable: true as const, description: 'Dead letters of every queue.' },
  };
  const replyRoutingKey = 'orchestrator';
  const bindings: BindingSpec[] = [
    { exchange: exchanges.commands.name, queue: queues.orchestratorCommands.name, routingKey: 'orchestrator' },
    { exchange: exchanges.replies.name, queue: queues.orchestratorReplies.name, routingKey: replyRoutingKey },
    { exchange: exchanges.deadLetter.name, queue: queues.deadLetter.name, routingKey: '' },
    ...PARTICIPANTS.map((p) => ({ exchange: exchanges.commands.name, queue: participants[p].name, routingKey: p })),
  ];
  return {
    namespace,
    exchanges,
    queues,
    bindings,
    commandRoutingKey: (service) => service,
    replyRoutingKey,
  };
}
