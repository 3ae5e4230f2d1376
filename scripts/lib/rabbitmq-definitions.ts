import { createHash } from 'node:crypto';
import { allQueues, serviceAccounts, topology, type AnySystem } from '../../contracts/src/index.ts';

/** The local-development password of every service user; scripts/rabbitmq-users.sh uses the same. */
export const DEV_PASSWORD = 'saga-dev-password';

/**
 * RabbitMQ's rabbit_password_hashing_sha256: base64(salt ‖ sha256(salt ‖ password)). The salt is
 * derived from the user name so the generated file is reproducible (and its drift testable); it
 * is a development file, production users come from scripts/rabbitmq-users.sh.
 */
export function passwordHash(username: string, password: string): string {
  const salt = createHash('sha256').update(`saga-definitions:${username}`).digest().subarray(0, 4);
  const digest = createHash('sha256').update(Buffer.concat([salt, Buffer.from(password, 'utf8')])).digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

/**
 * A RabbitMQ definitions document (what `load_definitions` imports at boot): the namespace's
 * topology, so least-privilege participants find their queues before the orchestrator runs; one
 * user per service with its permissions; and guest/guest as administrator, because a node that
 * imports definitions does not create its default user and the management UI still needs one.
 */
export function rabbitDefinitions(system: AnySystem, namespace: string, passwordOf: (service: string) => string, vhost = '/'): object {
  const names = topology(system, namespace);
  const accounts = serviceAccounts(system, namespace);
  return {
    vhosts: [{ name: vhost }],
    users: [
      { name: 'guest', password_hash: passwordHash('guest', 'guest'), hashing_algorithm: 'rabbit_password_hashing_sha256', tags: ['administrator'] },
      ...accounts.map((a) => ({ name: a.username, password_hash: passwordHash(a.username, passwordOf(a.service)), hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] })),
    ],
    permissions: [
      { user: 'guest', vhost, configure: '.*', write: '.*', read: '.*' },
      ...accounts.map((a) => ({ user: a.username, vhost, ...a.permissions })),
    ],
    exchanges: Object.values(names.exchanges).map((e) => ({ name: e.name, vhost, type: e.type, durable: true, auto_delete: false, internal: false, arguments: {} })),
    queues: allQueues(names).map((q) => ({ name: q.name, vhost, durable: true, auto_delete: false, arguments: q.arguments })),
    bindings: names.bindings.map((b) => ({ source: b.exchange, vhost, destination: b.queue, destination_type: 'queue', routing_key: b.routingKey, arguments: {} })),
  };
}
