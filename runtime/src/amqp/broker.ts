import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import type { Topology } from '@saga/contracts';
import type { Logger } from '../logger.ts';
import { assertTopology } from './assert-topology.ts';

export interface BrokerOptions {
  url: string;
  topology: Topology;
  logger: Logger;
  /** Connection name shown in the RabbitMQ management UI. */
  name: string;
  /** @default 5 */
  heartbeatSeconds?: number;
  /** Publishes not confirmed within this time are rejected (the outbox re-sends them). @default 10000 */
  publishTimeoutMs?: number;
}

export interface Broker {
  connection: AmqpConnectionManager;
  /** A confirm channel used only for publishing. */
  publishChannel: ChannelWrapper;
  topology: Topology;
  close(): Promise<void>;
}

/**
 * Connects to RabbitMQ through amqp-connection-manager, which reconnects on its own. Topology is
 * asserted in the setup function of every channel we create, so it is re-asserted on reconnect.
 */
export async function connectBroker(options: BrokerOptions): Promise<Broker> {
  const { logger, topology } = options;
  const connection = amqp.connect([options.url], {
    heartbeatIntervalInSeconds: options.heartbeatSeconds ?? 5,
    reconnectTimeInSeconds: 1,
    connectionOptions: { clientProperties: { connection_name: options.name } },
  });
  connection.on('connect', () => logger.info('amqp connected'));
  connection.on('disconnect', ({ err }) => logger.warn({ err: err?.message }, 'amqp disconnected; reconnecting'));
  connection.on('connectFailed', ({ err }) => logger.warn({ err: err?.message }, 'amqp connect failed; retrying'));
  const publishChannel = connection.createChannel({
    name: `${options.name}-publish`,
    confirm: true,
    publishTimeout: options.publishTimeoutMs ?? 10_000,
    setup: (channel: ConfirmChannel) => assertTopology(channel, topology),
  });
  await publishChannel.waitForConnect();
  return {
    connection,
    publishChannel,
    topology,
    async close() {
      await publishChannel.close();
      await connection.close();
    },
  };
}
