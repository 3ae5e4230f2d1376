import { decodeMessage, type AnyContract, type DecodeError, type WireMessage } from '@saga/contracts';
import type { Delivery, MessageBus } from '../bus/message-bus.ts';
import { errorSummary, isRetryable } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { publishDeadLetter } from './dead-letter.ts';
import { DEFAULT_RETRY_HOLD, nextRetryDelay, pause, type RetryHoldPolicy } from './retry-hold.ts';
import { checkSender, type SenderMap } from './sender-check.ts';

/** What a handler decides about one decoded message. */
export type Disposition = { kind: 'ack' } | { kind: 'dead-letter'; code: string; reason: string };

/** What happens to a message besides a handler's disposition: its hold ended, or its channel went away. */
type Outcome = Disposition | { kind: 'requeue' } | { kind: 'abandon' };

export interface ConsumeOptions {
  queue: string;
  /** The exchange dead letters are published to (the topology's dead-letter exchange). */
  deadLetterExchange: string;
  prefetch: number;
  maxBytes: number;
  accept: ReadonlySet<string>;
  /** The contracts of the consumer's system, by type (System.message): what it can decode. */
  message(type: string): AnyContract | undefined;
  logger: Logger;
  /** How a retryable handler failure is retried in-process, message held unacked. @default DEFAULT_RETRY_HOLD */
  retry?: Partial<RetryHoldPolicy>;
  /**
   * The broker user of each service. When set, a message whose contract names a sending service
   * (every type but StartSaga) must carry that user as `userId`, else it is dead-lettered with
   * ERR_WRONG_SENDER. @default undefined: no check (development, where everyone is guest)
   */
  senders?: SenderMap;
  /** Pause before requeueing a message that could not even be dead-lettered. @default 1000 */
  requeueDelayMs?: number;
  handle(message: WireMessage, delivery: Delivery, log: Logger): Promise<Disposition>;
}

export interface Consumer {
  close(): Promise<void>;
}

/**
 * Consumes a queue through the bus (on RabbitMQ, a channel of its own). Every message is decoded
 * once, here; anything that does not decode, or comes from the wrong sender, is dead-lettered with
 * a reason and acked — never requeued in a loop. A handler that throws a retryable error is retried in-process with backoff while the
 * message stays unacked, and the message is requeued once the hold time is used up (the queue's
 * `x-delivery-limit` then bounds the requeues); a non-retryable error dead-letters it.
 *
 * Dead-lettering publishes to the dead-letter exchange *before* acking, so a crash in between
 * duplicates the dead letter rather than losing the message.
 */
export async function consume(bus: MessageBus, options: ConsumeOptions): Promise<Consumer> {
  const { logger } = options;
  const policy: RetryHoldPolicy = { ...DEFAULT_RETRY_HOLD, ...options.retry };
  const deadLetter = (delivery: Delivery, code: string, reason: string) =>
    publishDeadLetter(bus, { delivery, exchange: options.deadLetterExchange, queue: options.queue, code, reason });

  // `signal` aborts when the delivery can no longer be settled (its channel was replaced, the
  // consumer closed): the broker will redeliver it, so its retries must stop.
  const handleHolding = async (message: WireMessage, delivery: Delivery, log: Logger): Promise<Outcome> => {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await options.handle(message, delivery, log);
      } catch (error) {
        const { code, message: err } = errorSummary(error);
        if (!isRetryable(error)) return { kind: 'dead-letter', code, reason: err };
        const delay = nextRetryDelay(attempt, Date.now() - started, policy);
        if (delay === undefined) {
          log.warn({ code, err, attempts: attempt }, 'handler kept failing for the whole hold time; requeueing the message');
          return { kind: 'requeue' };
        }
        log.warn({ code, err, attempt, retryInMs: delay }, 'handler failed; retrying with the message held');
        if (!(await pause(delay, delivery.signal))) return { kind: 'abandon' };
      }
    }
  };

  const onDelivery = async (delivery: Delivery) => {
    try {
      const decoded = decodeMessage(delivery.body, { maxBytes: options.maxBytes, accept: options.accept, message: options.message });
      if (!decoded.ok) {
        logInvalid(logger, options.queue, decoded.error);
        await deadLetter(delivery, decoded.error.code, decoded.error.reason);
        delivery.ack();
        return;
      }
      const { message } = decoded;
      const log = logger.child({ sagaId: message.correlationId, messageId: message.messageId, type: message.type });
      const wrongSender = options.senders && checkSender(message.type, delivery.properties.userId, options.senders, options.message);
      const outcome: Outcome = wrongSender ? { kind: 'dead-letter', ...wrongSender } : await handleHolding(message, delivery, log);
      if (outcome.kind === 'abandon') return;
      if (outcome.kind === 'requeue') {
        delivery.requeue();
        return;
      }
      if (outcome.kind === 'dead-letter') {
        log.warn({ code: outcome.code, reason: outcome.reason }, 'dead-lettering message');
        await deadLetter(delivery, outcome.code, outcome.reason);
      }
      delivery.ack();
    } catch (error) {
      // Dead-lettering itself failed: requeue after a pause rather than hold the message unacked
      // until the broker's consumer timeout (if the channel is gone, it is redelivered anyway).
      logger.error({ err: errorSummary(error).message }, 'could not dead-letter the message; requeueing it');
      if (await pause(options.requeueDelayMs ?? 1000, delivery.signal)) delivery.requeue();
    }
  };
  const subscription = await bus.consume({ queue: options.queue, prefetch: options.prefetch, onDelivery: (delivery) => void onDelivery(delivery) });
  return { close: () => subscription.close() };
}

function logInvalid(logger: Logger, queue: string, error: DecodeError): void {
  logger.warn({ queue, code: error.code, reason: error.reason, type: error.type, messageId: error.messageId }, 'invalid message');
}
