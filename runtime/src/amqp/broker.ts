import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import type { Topology } from '@saga/contracts';
import { SagaError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { amqpUsername } from './amqp-url.ts';
import { prepareTopology, type TopologyMode } from './prepare-topology.ts';
import { ReturnedPublishes } from './returned-publishes.ts';

export interface BrokerOptions {
  url: string;
  topology: Topology;
  logger: Logger;
  /** Connection name shown in the RabbitMQ management UI. */
  name: string;
  /** Bodies larger than this are never published (ERR_MESSAGE_TOO_LARGE). @default no limit */
  maxMessageBytes?: number;
  /** @default 5 */
  heartbeatSeconds?: number;
  /** Publishes not confirmed within this time are rejected (the outbox re-sends them). @default 10000 */
  publishTimeoutMs?: number;
  /**
   * How long to wait for the first connection with its topology in place before giving up with
   * ERR_BROKER_UNAVAILABLE, so a service that cannot start exits rather than hangs. @default 60000
   */
  connectTimeoutMs?: number;
  /**
   * `declare` asserts the topology on every (re)connect; `verify` only checks it exists, for a
   * user without configure permission (see prepareTopology). @default 'declare'
   */
  topologyMode?: TopologyMode;
}

export interface Broker {
  connection: AmqpConnectionManager;
  /** A confirm channel used only for publishing. */
  publishChannel: ChannelWrapper;
  /** Mandatory publishes the broker returned as unroutable (see publishEnvelope). */
  returned: ReturnedPublishes;
  topology: Topology;
  topologyMode: TopologyMode;
  /** The user this connection authenticates as; every publish carries it as `userId`. */
  username: string;
  maxMessageBytes?: number;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Connects to RabbitMQ through amqp-connection-manager, which reconnects on its own. Topology is
 * asserted (or, in verify mode, checked) in the setup function of every channel we create, so it
 * is re-asserted on reconnect.
 */
export async function connectBroker(options: BrokerOptions): Promise<Broker> {
  const { logger, topology } = options;
  const topologyMode = options.topologyMode ?? 'declare';
  const connection = amqp.connect([options.url], {
    heartbeatIntervalInSeconds: options.heartbeatSeconds ?? 5,
    reconnectTimeInSeconds: 1,
    // TCP_NODELAY: amqplib writes a publish as several frames; with Nagle's algorithm on, the
    // later ones wait for the broker's delayed ACK, and a confirmed publish to a quorum queue took
    // 44 ms instead of 1.3 ms on loopback.
    connectionOptions: { noDelay: true, clientProperties: { connection_name: options.name } },
  });
  connection.on('connect', () => logger.info('amqp connected'));
  connection.on('disconnect', ({ err }) => logger.warn({ err: err?.message }, 'amqp disconnected; reconnecting'));
  connection.on('connectFailed', ({ err }) => logger.warn({ err: err?.message }, 'amqp connect failed; retrying'));
  const returned = new ReturnedPublishes();
  const publishChannel = connection.createChannel({
    name: `${options.name}-publish`,
    confirm: true,
    publishTimeout: options.publishTimeoutMs ?? 10_000,
    setup: async (channel: ConfirmChannel) => {
      channel.on('return', (message) => {
        if (message.properties.messageId) returned.mark(String(message.properties.messageId));
      });
      await prepareTopology(channel, topology, topologyMode);
    },
  });
  recoverFromChannelErrors(publishChannel, connection, logger);
  const timeoutMs = options.connectTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      publishChannel.waitForConnect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new SagaError('ERR_BROKER_UNAVAILABLE', `no usable broker connection within ${timeoutMs} ms (see the errors above)`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await publishChannel.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    connection,
    publishChannel,
    returned,
    topology,
    topologyMode,
    username: amqpUsername(options.url),
    ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
    logger,
    async close() {
      await publishChannel.close();
      await connection.close();
    },
  };
}

/**
 * amqp-connection-manager emits 'error' when a setup function fails (a connection that drops while
 * topology is being asserted, a queue declared with other arguments) or a consumer cannot be
 * re-attached; unheard, that event would crash the process. We log it and reconnect, which runs
 * every setup again; a persistent error (406 on a queue's arguments) keeps logging until fixed.
 */
export function recoverFromChannelErrors(channel: ChannelWrapper, connection: AmqpConnectionManager, logger: Logger): void {
  let scheduled = false;
  channel.on('error', (error: Error) => {
    logger.error({ channel: channel.name, err: error.message }, 'channel setup failed; reconnecting to run it again');
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      try {
        connection.reconnect();
      } catch {
        // The connection was closed on purpose meanwhile (shutdown): nothing to recover.
      }
    }, 1000).unref();
  });
}
