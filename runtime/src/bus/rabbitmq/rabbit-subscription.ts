import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../../logger.ts';
import type { ConsumeRequest, Delivery, Subscription } from '../message-bus.ts';
import { PUBLISH_TOKEN_HEADER } from './rabbit-publish.ts';

export interface SubscribeDeps {
  /** The topology setup every channel runs (declare or verify). */
  setup(channel: ConfirmChannel): Promise<void>;
  logger: Logger;
  onError(channel: ChannelWrapper, connection: AmqpConnectionManager, logger: Logger): unknown;
}

/**
 * Consumes a queue on a channel of its own, which amqp-connection-manager reopens (running the
 * topology setup again) and re-attaches the consumer to after every reconnect.
 *
 * Delivery tags belong to one channel. After a reconnect, acking a message from the old channel on
 * the new one would close the channel (PRECONDITION_FAILED); the old message is redelivered anyway,
 * so its settlement is dropped instead, and its signal aborts so that a retry held for it stops.
 * Setup functions run on every new channel before consumers are re-attached, so the generation
 * counter names the channel a message came on.
 */
export async function rabbitSubscribe(connection: AmqpConnectionManager, request: ConsumeRequest, deps: SubscribeDeps): Promise<Subscription> {
  let generation = 0;
  let current = new AbortController();
  const channel = connection.createChannel({
    name: `consume-${request.queue}`,
    setup: async (ch: ConfirmChannel) => {
      current.abort();
      current = new AbortController();
      generation += 1;
      await deps.setup(ch);
    },
  });
  deps.onError(channel, connection, deps.logger);
  const toDelivery = (raw: ConsumeMessage): Delivery => {
    const born = generation;
    let settled = false;
    const settle = (how: () => void) => {
      if (settled || born !== generation) return;
      settled = true;
      how();
    };
    const { [PUBLISH_TOKEN_HEADER]: _token, ...headers } = raw.properties.headers ?? {};
    const count = headers['x-delivery-count'];
    return {
      body: raw.content,
      properties: definedOnly({
        messageId: raw.properties.messageId as string | undefined,
        correlationId: raw.properties.correlationId as string | undefined,
        type: raw.properties.type as string | undefined,
        contentType: raw.properties.contentType as string | undefined,
        contentEncoding: raw.properties.contentEncoding as string | undefined,
        timestamp: raw.properties.timestamp as number | undefined,
        userId: raw.properties.userId as string | undefined,
        headers,
      }),
      exchange: raw.fields.exchange,
      routingKey: raw.fields.routingKey,
      redelivered: raw.fields.redelivered,
      // Quorum queues count returns in x-delivery-count; a classic queue only says "redelivered".
      deliveryCount: typeof count === 'number' ? count + 1 : raw.fields.redelivered ? 2 : 1,
      signal: current.signal,
      ack: () => settle(() => channel.ack(raw)),
      requeue: () => settle(() => channel.nack(raw, false, true)),
      reject: () => settle(() => channel.nack(raw, false, false)),
    };
  };
  await channel.consume(
    request.queue,
    (raw: ConsumeMessage | null) => {
      // amqplib passes null when the broker cancels the consumer (its queue was deleted).
      // amqp-connection-manager 5 intercepts that and re-attaches the consumer, reopening the
      // channel (and so re-running topology setup) if the queue is still missing; this guard
      // only keeps a null that ever got through from crashing the process.
      if (raw === null) {
        deps.logger.warn({ queue: request.queue }, 'consumer cancelled by the broker; waiting to be re-attached');
        return;
      }
      request.onDelivery(toDelivery(raw));
    },
    { prefetch: request.prefetch },
  );
  await channel.waitForConnect();
  return {
    close: async () => {
      // A new generation: settling a delivery of this subscription from now on does nothing.
      generation += 1;
      current.abort();
      await channel.close();
    },
  };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
