import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Envelope } from '@saga/contracts';

export interface Destination {
  exchange: string;
  routingKey: string;
}

/**
 * Publishes one envelope as a persistent JSON message and resolves when the broker confirms it.
 * The AMQP properties mirror the envelope so that tools (management UI, tracing) see the ids
 * without parsing the body. Rejects on nack, timeout or disconnect — callers keep the message in
 * the outbox until this resolves (amqp-connection-manager #369: a publish in flight when the
 * connection drops is rejected rather than retried).
 */
export async function publishEnvelope(
  channel: ChannelWrapper,
  to: Destination,
  envelope: Envelope,
  headers: Record<string, string | number> = {},
): Promise<void> {
  await channel.publish(to.exchange, to.routingKey, Buffer.from(JSON.stringify(envelope)), {
    persistent: true,
    contentType: 'application/json',
    messageId: envelope.messageId,
    correlationId: envelope.correlationId,
    type: envelope.type,
    timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    headers: { 'x-schema-version': envelope.schemaVersion, ...headers },
  });
}
