import type { Envelope } from '@saga/contracts';
import { SagaError, errorSummary } from '../errors.ts';
import type { Broker } from './broker.ts';

export interface Destination {
  exchange: string;
  routingKey: string;
}

/**
 * Publishes one envelope as a persistent JSON message and resolves when the broker confirms it.
 * The AMQP properties mirror the envelope so that tools (management UI, tracing) see the ids
 * without parsing the body, and `userId` names the sender in a way the broker enforces. Rejects
 * with ERR_PUBLISH_FAILED on nack, timeout or disconnect, and when the broker returns the message
 * as unroutable (`mandatory`: a confirm alone would report a message to a missing queue as
 * delivered). Callers keep the message in the outbox until this
 * resolves (amqp-connection-manager #369: a publish in flight when the connection drops is
 * rejected rather than retried).
 */
export async function publishEnvelope(
  broker: Broker,
  to: Destination,
  envelope: Envelope,
  headers: Record<string, string | number> = {},
): Promise<void> {
  const body = Buffer.from(JSON.stringify(envelope));
  // The same limit the receiving end applies: better refused here, with a reason, than dead-lettered there.
  if (broker.maxMessageBytes !== undefined && body.length > broker.maxMessageBytes) {
    throw new SagaError('ERR_MESSAGE_TOO_LARGE', `${envelope.type} is ${body.length} bytes, over the ${broker.maxMessageBytes}-byte limit; not published`);
  }
  broker.returned.begin(envelope.messageId);
  try {
    await broker.publishChannel.publish(to.exchange, to.routingKey, body, {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: envelope.messageId,
      correlationId: envelope.correlationId,
      type: envelope.type,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
      // RabbitMQ refuses a user-id other than the connection's user, so consumers can trust it.
      userId: broker.username,
      headers: { 'x-schema-version': envelope.schemaVersion, ...headers },
    });
  } catch (error) {
    broker.returned.end(envelope.messageId);
    throw new SagaError('ERR_PUBLISH_FAILED', `publish to ${to.exchange} was not confirmed: ${errorSummary(error).message}`, {}, { cause: error });
  }
  if (broker.returned.end(envelope.messageId)) {
    throw new SagaError('ERR_PUBLISH_FAILED', `no queue is bound for ${to.exchange} / ${to.routingKey}; the message was returned`);
  }
}
