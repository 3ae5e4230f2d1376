/**
 * What a client outside the system has in one test namespace: a raw AMQP confirm channel (the
 * namespace's topology asserted, so publishes are routable before any service runs), read access
 * to each service's database for assertions, and the clean-up that removes the namespace again.
 */
import amqplib from 'amqplib';
import { MongoClient, type Db } from 'mongodb';
import { topology, type AnySystem, type Topology } from '@saga/contracts';
import { assertTopology } from '../../bus/rabbitmq/assert-topology.ts';
import { busTopologyOf } from '../../bus/bus-topology.ts';
import { AMQP_URL, MONGO_URL, deleteTopology, dropDatabases } from '../index.ts';

export interface NamespaceClient {
  namespace: string;
  topology: Topology;
  channel: amqplib.ConfirmChannel;
  /** Database of one service, e.g. db('inventory'). */
  db(service: string): Db;
  /** Publishes a JSON body (or a raw string) to an exchange of the namespace, persistent, and waits for the confirm. */
  publish(exchange: 'commands' | 'replies', routingKey: string, body: unknown): Promise<void>;
  /** How many consumers a queue of the namespace has right now. */
  consumerCount(queue: string): Promise<number>;
  /** Closes the connections, deletes the namespace's queues and exchanges and drops its databases. */
  destroy(): Promise<void>;
}

/** Connects to one namespace of `system` (its topology asserted) as a client outside the system. */
export async function connectNamespaceClient(system: AnySystem, namespace: string): Promise<NamespaceClient> {
  const names = topology(system, namespace);
  const connection = await amqplib.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  await assertTopology(channel, busTopologyOf(names));
  const mongo = await new MongoClient(MONGO_URL, { retryWrites: false }).connect();
  return {
    namespace,
    topology: names,
    channel,
    db: (service) => mongo.db(`${namespace}_${service}`),
    async publish(exchange, routingKey, body) {
      channel.publish(`${namespace}.${exchange}`, routingKey, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), {
        persistent: true,
        contentType: 'application/json',
      });
      await channel.waitForConfirms();
    },
    async consumerCount(queue) {
      return (await channel.checkQueue(queue)).consumerCount;
    },
    async destroy() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await mongo.close();
      await deleteTopology(names);
      await dropDatabases(namespace);
    },
  };
}
