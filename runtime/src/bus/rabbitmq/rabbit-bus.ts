import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { SagaError, errorSummary } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { BusTopology } from '../bus-topology.ts';
import type { ConsumeRequest, MessageBus, OutgoingMessage, Subscription, TopologyMode } from '../message-bus.ts';
import { amqpUsername } from './amqp-url.ts';
import { prepareTopology } from './prepare-topology.ts';
import { PUBLISH_TOKEN_HEADER, rabbitPublish } from './rabbit-publish.ts';
import { rabbitSubscribe } from './rabbit-subscription.ts';
import { ReturnedPublishes } from './returned-publishes.ts';

export interface RabbitBusOptions {
  url: string;
  /** Declared (or verified) on every channel's setup, so again after every reconnect. */
  topology: BusTopology;
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
  /** @default 'declare' */
  topologyMode?: TopologyMode;
}

/** The RabbitMQ adapter of the message-bus port, and what tools beyond the port may reach. */
export interface RabbitBus extends MessageBus {
  readonly topologyMode: TopologyMode;
  /** The reconnecting connection, for tools that need a channel of their own (the chaos run's tap). */
  readonly connection: AmqpConnectionManager;
  /** Mandatory publishes in flight on the publish channel; 0 whenever nothing is. */
  readonly publishesInFlight: number;
}

/**
 * Connects to RabbitMQ through amqp-connection-manager, which reconnects on its own. The topology
 * is asserted (or, in verify mode, checked) in the setup function of every channel we create, so
 * it is re-asserted on reconnect. Publishes go over one confirm channel; each subscription gets a
 * confirm channel of its own (see rabbitSubscribe).
 */
export async function connectRabbitBus(options: RabbitBusOptions): Promise<RabbitBus> {
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
  const setup = (channel: ConfirmChannel) => prepareTopology(channel, topology, topologyMode);
  const publishChannel = connection.createChannel({
    name: `${options.name}-publish`,
    confirm: true,
    publishTimeout: options.publishTimeoutMs ?? 10_000,
    setup: async (channel: ConfirmChannel) => {
      channel.on('return', (message) => returned.mark(String(message.properties.headers?.[PUBLISH_TOKEN_HEADER])));
      await setup(channel);
    },
  });
  const lastSetupError = recoverFromChannelErrors(publishChannel, connection, logger);
  const timeoutMs = options.connectTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      publishChannel.waitForConnect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const why = lastSetupError() ?? 'see the errors above';
          reject(new SagaError('ERR_BROKER_UNAVAILABLE', `no usable broker connection within ${timeoutMs} ms (${why})`));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    await publishChannel.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const subscriptions = new Set<Subscription>();
  const username = amqpUsername(options.url);
  return {
    username,
    topologyMode,
    connection,
    get publishesInFlight() {
      return returned.size;
    },
    publish: (message: OutgoingMessage) => rabbitPublish(publishChannel, returned, message, { username, ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}) }),
    async consume(request: ConsumeRequest) {
      const subscription = await rabbitSubscribe(connection, request, { setup, logger, onError: recoverFromChannelErrors });
      subscriptions.add(subscription);
      return {
        close: async () => {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.close().catch(() => undefined)));
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
 * Returns a reader of the last error, so a start-up that gives up can say why.
 */
export function recoverFromChannelErrors(channel: ChannelWrapper, connection: AmqpConnectionManager, logger: Logger): () => string | undefined {
  let scheduled = false;
  let last: string | undefined;
  channel.on('error', (error: Error) => {
    last = errorSummary(error).message;
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
  return () => last;
}
