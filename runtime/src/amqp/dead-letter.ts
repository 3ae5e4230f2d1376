import type { Delivery, MessageBus } from '../bus/message-bus.ts';

/**
 * Publishes a copy of a delivery to the dead-letter exchange with the reason in headers, confirmed
 * and mandatory (a dead-letter exchange with no queue bound rejects it); the caller acks the
 * original only after this resolves. Only the properties that describe the message travel on: a
 * sender's `expiration` would make the dead letter expire, and its `userId` would be refused,
 * because RabbitMQ accepts only the publishing connection's own user — the bus stamps ours.
 */
export async function publishDeadLetter(
  bus: MessageBus,
  dead: { delivery: Delivery; exchange: string; queue: string; code: string; reason: string },
): Promise<void> {
  const { messageId, correlationId, type, contentType, contentEncoding, timestamp, headers } = dead.delivery.properties;
  const kept = Object.entries({ messageId, correlationId, type, contentType, contentEncoding, timestamp }).filter(([, v]) => v !== undefined);
  await bus.publish({
    exchange: dead.exchange,
    routingKey: '',
    body: dead.delivery.body,
    properties: {
      ...Object.fromEntries(kept),
      headers: {
        ...headers,
        'x-error-code': dead.code,
        'x-death-reason': dead.reason.slice(0, 500),
        'x-original-queue': dead.queue,
        'x-dead-lettered-at': new Date().toISOString(),
      },
    },
  });
}
