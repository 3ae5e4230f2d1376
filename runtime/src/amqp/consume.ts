import { randomUUID } from 'node:crypto';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { decodeMessage, type AnyMessage, type DecodeError } from '@saga/contracts';
import { errorSummary, isRetryable } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { assertTopology } from './assert-topology.ts';
import { recoverFromChannelErrors, type Broker } from './broker.ts';

/** What a handler decides about one decoded message. */
export type Disposition = { kind: 'ack' } | { kind: 'dead-letter'; code: string; reason: string };

export interface ConsumeOptions {
  queue: string;
  prefetch: number;
  maxBytes: number;
  accept: ReadonlySet<string>;
  logger: Logger;
  /** Delay before a message whose handler failed transiently is requeued. @default 1000 */
  retryDelayMs?: number;
  handle(message: AnyMessage, raw: ConsumeMessage, log: Logger): Promise<Disposition>;
}

export interface Consumer {
  channel: ChannelWrapper;
  close(): Promise<void>;
}

/**
 * Consumes a queue on its own channel. Every message is decoded once, here; anything that does not
 * decode is dead-lettered with a reason and acked — never requeued in a loop. A handler that throws
 * a retryable error gets the message requeued after a delay; a non-retryable one dead-letters it.
 *
 * Dead-lettering publishes to the dead-letter exchange *before* acking, so a crash in between
 * duplicates the dead letter rather than losing the message.
 */
export async function consume(broker: Broker, options: ConsumeOptions): Promise<Consumer> {
  const { logger } = options;
  let generation = 0;
  /** Dead letters the broker returned as unroutable (no dead-letter queue bound), by messageId. */
  const returned = new Set<string>();
  const channel = broker.connection.createChannel({
    name: `consume-${options.queue}`,
    confirm: true,
    // Delivery tags belong to one channel. After a reconnect, acking a message from the old
    // channel on the new one would close the channel (PRECONDITION_FAILED); the old message is
    // redelivered anyway, so we drop its settlement instead. Setup functions run on every new
    // channel before consumers are re-attached, so this counter names the channel a message came on.
    setup: async (ch: ConfirmChannel) => {
      generation += 1;
      ch.on('return', (message) => returned.add(String(message.properties.headers?.['x-dead-letter-id'])));
      await assertTopology(ch, broker.topology);
    },
  });
  recoverFromChannelErrors(channel, broker.connection, logger);
  const settle = (raw: ConsumeMessage, born: number, action: 'ack' | 'requeue') => {
    if (born !== generation) return;
    if (action === 'ack') channel.ack(raw);
    else channel.nack(raw, false, true);
  };
  // Only the properties that describe the message travel on: a sender's `expiration` would make the
  // dead letter expire, and its `userId` would be refused once it is not ours.
  const deadLetter = async (raw: ConsumeMessage, code: string, reason: string) => {
    const { messageId, correlationId, type, contentType, contentEncoding, timestamp, headers } = raw.properties;
    const deadLetterId = randomUUID();
    await channel.publish(broker.topology.exchanges.deadLetter.name, '', raw.content, {
      persistent: true,
      mandatory: true,
      messageId,
      correlationId,
      type,
      contentType,
      contentEncoding,
      timestamp,
      headers: {
        ...headers,
        'x-error-code': code,
        'x-death-reason': reason.slice(0, 500),
        'x-original-queue': options.queue,
        'x-dead-lettered-at': new Date().toISOString(),
        'x-dead-letter-id': deadLetterId,
      },
    });
    if (returned.delete(deadLetterId)) throw new Error(`no dead-letter queue is bound to ${broker.topology.exchanges.deadLetter.name}`);
  };
  const onMessage = async (raw: ConsumeMessage) => {
    const born = generation;
    try {
      const decoded = decodeMessage(raw.content, { maxBytes: options.maxBytes, accept: options.accept });
      if (!decoded.ok) {
        logInvalid(logger, options.queue, decoded.error);
        await deadLetter(raw, decoded.error.code, decoded.error.reason);
        settle(raw, born, 'ack');
        return;
      }
      const { message } = decoded;
      const log = logger.child({ sagaId: message.correlationId, messageId: message.messageId, type: message.type });
      let disposition: Disposition;
      try {
        disposition = await options.handle(message, raw, log);
      } catch (error) {
        const summary = errorSummary(error);
        if (isRetryable(error)) {
          log.warn({ code: summary.code, err: summary.message }, 'handler failed; requeueing after a delay');
          await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 1000));
          settle(raw, born, 'requeue');
          return;
        }
        disposition = { kind: 'dead-letter', code: summary.code, reason: summary.message };
      }
      if (disposition.kind === 'dead-letter') {
        log.warn({ code: disposition.code, reason: disposition.reason }, 'dead-lettering message');
        await deadLetter(raw, disposition.code, disposition.reason);
      }
      settle(raw, born, 'ack');
    } catch (error) {
      // Dead-lettering itself failed: requeue after a pause rather than hold the message unacked
      // until the broker's consumer timeout (if the channel is gone, it is redelivered anyway).
      logger.error({ err: errorSummary(error).message }, 'could not dead-letter the message; requeueing it');
      await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 1000));
      settle(raw, born, 'requeue');
    }
  };
  await channel.consume(options.queue, (raw) => void onMessage(raw), { prefetch: options.prefetch });
  await channel.waitForConnect();
  return {
    channel,
    close: () => channel.close(),
  };
}

function logInvalid(logger: Logger, queue: string, error: DecodeError): void {
  logger.warn({ queue, code: error.code, reason: error.reason, type: error.type, messageId: error.messageId }, 'invalid message');
}
