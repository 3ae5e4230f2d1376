import { randomUUID } from 'node:crypto';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConsumeMessage } from 'amqplib';
import type { Broker } from './broker.ts';

/**
 * Publishes a copy of `raw` to the dead-letter exchange with the reason in headers, confirmed and
 * mandatory; the caller acks the original only after this resolves. Only the properties that
 * describe the message travel on: a sender's `expiration` would make the dead letter expire, and
 * its `userId` would be refused, because RabbitMQ accepts only the publishing connection's own
 * user — which is why the dead letter carries ours. `returned` is the channel's set of returned
 * dead-letter ids (see consume).
 */
export async function publishDeadLetter(
  broker: Broker,
  channel: ChannelWrapper,
  returned: Set<string>,
  dead: { raw: ConsumeMessage; queue: string; code: string; reason: string },
): Promise<void> {
  const { messageId, correlationId, type, contentType, contentEncoding, timestamp, headers } = dead.raw.properties;
  const deadLetterId = randomUUID();
  await channel.publish(broker.topology.exchanges.deadLetter.name, '', dead.raw.content, {
    persistent: true,
    mandatory: true,
    messageId,
    correlationId,
    type,
    contentType,
    contentEncoding,
    timestamp,
    userId: broker.username,
    headers: {
      ...headers,
      'x-error-code': dead.code,
      'x-death-reason': dead.reason.slice(0, 500),
      'x-original-queue': dead.queue,
      'x-dead-lettered-at': new Date().toISOString(),
      'x-dead-letter-id': deadLetterId,
    },
  });
  if (returned.delete(deadLetterId)) throw new Error(`no dead-letter queue is bound to ${broker.topology.exchanges.deadLetter.name}`);
}
