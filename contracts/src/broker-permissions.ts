import { topology } from './topology.ts';

/** RabbitMQ vhost permissions: three regexes over exchange and queue names (`rabbitmqctl set_permissions`). */
export interface VhostPermissions {
  configure: string;
  write: string;
  read: string;
}

export interface ServiceAccount {
  service: string;
  username: string;
  permissions: VhostPermissions;
}

/** RabbitMQ's own spelling of "no resource at all" (the empty string means the same). */
export const NO_RESOURCE = '^$';

/** The broker user a service connects as, e.g. `saga-payment`. Sender checks rely on this shape. */
export function serviceUsername(namespace: string, service: string): string {
  return `${namespace}-${service}`;
}

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (patterns: string[]) => `^(${[...new Set(patterns)].join('|')})$`;

/**
 * Least privilege per service, derived from the topology so names never drift. What RabbitMQ
 * checks: declaring needs `configure` (a passive declare needs nothing), publishing needs `write`
 * on the exchange, consuming needs `read` on the queue, and binding needs `write` on the queue and
 * `read` on the exchange.
 *
 * - A participant may publish replies and dead letters and consume its own command queue; it may
 *   declare nothing, so it verifies the topology passively (AMQP_TOPOLOGY=verify).
 * - The orchestrator declares and binds the namespace's topology, publishes commands, replies (none
 *   today, but the exchange is its own) and dead letters, and consumes every `<ns>.orchestrator.*`
 *   queue (the reply partitions included). It also gets `read` on the participants' command
 *   queues: RabbitMQ refuses to declare a queue with `x-dead-letter-exchange` to a user that may not
 *   read it (else dead-lettering would be a way to read a queue), and the orchestrator declares
 *   them. Likewise, because the dead-letter queue and exchange share one name, the `read` it needs
 *   on that exchange to bind the queue also lets it read the dead-letter queue.
 */
export function brokerPermissions(system: { participants: readonly string[] }, namespace: string, service: string): VhostPermissions {
  const names = topology(system, namespace);
  const exchanges = Object.values(names.exchanges).map((e) => escape(e.name));
  const { replies, deadLetter } = names.exchanges;
  if (service !== 'orchestrator') {
    return {
      configure: NO_RESOURCE,
      write: anyOf([escape(replies.name), escape(deadLetter.name)]),
      read: anyOf([escape(names.queues.participants[service]!.name)]),
    };
  }
  const ownQueues = `${escape(namespace)}\\.orchestrator\\..+`;
  const participantQueues = Object.values(names.queues.participants).map((q) => escape(q.name));
  return {
    configure: `^${escape(namespace)}\\.`,
    write: anyOf([...exchanges, ownQueues, ...participantQueues, escape(names.queues.deadLetter.name)]),
    read: anyOf([...exchanges, ownQueues, ...participantQueues]),
  };
}

/** One account per service of a system's namespace: the orchestrator's, then each participant's. */
export function serviceAccounts(system: { participants: readonly string[] }, namespace: string): ServiceAccount[] {
  return ['orchestrator', ...system.participants].map((service) => ({ service, username: serviceUsername(namespace, service), permissions: brokerPermissions(system, namespace, service) }));
}
