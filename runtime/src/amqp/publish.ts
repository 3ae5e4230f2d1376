import type { Envelope } from '@saga/contracts';
import type { MessageBus } from '../bus/message-bus.ts';

export interface Destination {
  exchange: string;
  routingKey: string;
}

/**
 * Publishes one envelope as a persistent JSON message and resolves when the broker confirms it
 * (see MessageBus.publish: ERR_PUBLISH_FAILED when not confirmed or unroutable, ERR_MESSAGE_TOO_LARGE
 * over the bus's size limit). The AMQP properties mirror the envelope so that tools (management UI,
 * tracing) see the ids without parsing the body; the bus adds the `userId` the broker enforces.
 * Callers keep the message (in the outbox, or the command unacked) until this resolves.
 */
export function publishEnvelope(
  bus: MessageBus,
  to: Destination,
  envelope: Envelope,
  headers: Record<string, string | number> = {},
): Promise<void> {
  return bus.publish({
    exchange: to.exchange,
    routingKey: to.routingKey,
    body: Buffer.from(JSON.stringify(envelope)),
    properties: {
      contentType: 'application/json',
      messageId: envelope.messageId,
      ...(envelope.correlationId !== undefined ? { correlationId: envelope.correlationId } : {}),
      type: envelope.type,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
      headers: { 'x-schema-version': envelope.schemaVersion, ...headers },
    },
  });
}
