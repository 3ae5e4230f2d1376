import { randomUUID } from 'node:crypto';
import type { Options } from 'amqplib';
import { SagaError, errorSummary } from '../../errors.ts';
import type { OutgoingMessage } from '../message-bus.ts';
import { checkMessageSize } from '../message-size.ts';
import type { ReturnedPublishes } from './returned-publishes.ts';

/** The part of amqp-connection-manager's ChannelWrapper a publish needs (a fake in unit tests). */
export interface ConfirmPublisher {
  publish(exchange: string, routingKey: string, body: Buffer, options: Options.Publish): Promise<unknown>;
}

/** The header that names one publish, so that its basic.return can be matched to it. */
export const PUBLISH_TOKEN_HEADER = 'x-publish-id';

export interface PublishingUser {
  username: string;
  maxMessageBytes?: number;
}

/**
 * A persistent, mandatory publish on a confirm channel that resolves once the broker confirms it.
 * Rejects with ERR_PUBLISH_FAILED on nack, timeout or disconnect (amqp-connection-manager #369: a
 * publish in flight when the connection drops is rejected rather than retried; callers keep the
 * message, e.g. in the outbox, until this resolves), and when the broker returns the message as
 * unroutable (`mandatory`: a confirm alone would report a message to a missing queue as delivered).
 */
export async function rabbitPublish(channel: ConfirmPublisher, returned: ReturnedPublishes, message: OutgoingMessage, user: PublishingUser): Promise<void> {
  const { exchange, routingKey, body, properties = {} } = message;
  checkMessageSize(message, user.maxMessageBytes);
  const token = randomUUID();
  returned.begin(token);
  try {
    await channel.publish(exchange, routingKey, body, {
      ...properties,
      persistent: true,
      mandatory: true,
      // RabbitMQ refuses a user-id other than the connection's user, so consumers can trust it.
      userId: user.username,
      headers: { ...properties.headers, [PUBLISH_TOKEN_HEADER]: token },
    });
  } catch (error) {
    returned.end(token);
    throw new SagaError('ERR_PUBLISH_FAILED', `publish to ${exchange} was not confirmed: ${errorSummary(error).message}`, {}, { cause: error });
  }
  if (returned.end(token)) {
    throw new SagaError('ERR_PUBLISH_FAILED', `no queue is bound for ${exchange} / ${routingKey}; the message was returned`);
  }
}
