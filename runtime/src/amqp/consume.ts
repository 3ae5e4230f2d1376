import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { decodeMessage, type AnyMessage, type DecodeError } from '@saga/contracts';
import { errorSummary, isRetryable } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { recoverFromChannelErrors, type Broker } from './broker.ts';
import { publishDeadLetter } from './dead-letter.ts';
import { prepareTopology } from './prepare-topology.ts';
import { DEFAULT_RETRY_HOLD, nextRetryDelay, pause, type RetryHoldPolicy } from './retry-hold.ts';
import { checkSender, type SenderMap } from './sender-check.ts';

/** What a handler decides about one decoded message. */
export type Disposition = { kind: 'ack' } | { kind: 'dead-letter'; code: string; reason: string };

/** What happens to a message besides a handler's disposition: its hold ended, or its channel went away. */
type Outcome = Disposition | { kind: 'requeue' } | { kind: 'abandon' };

export interface ConsumeOptions {
  queue: string;
  prefetch: number;
  maxBytes: number;
  accept: ReadonlySet<string>;
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
  handle(message: AnyMessage, raw: ConsumeMessage, log: Logger): Promise<Disposition>;
}

export interface Consumer {
  channel: ChannelWrapper;
  close(): Promise<void>;
}

/**
 * Consumes a queue on its own channel. Every message is decoded once, here; anything that does not
 * decode, or comes from the wrong sender, is dead-lettered with a reason and acked — never requeued
 * in a loop. A handler that throws a retryable error is retried in-process with backoff while the
 * message stays unacked, and the message is requeued once the hold time is used up (the queue's
 * `x-delivery-limit` then bounds the requeues); a non-retryable error dead-letters it.
 *
 * Dead-lettering publishes to the dead-letter exchange *before* acking, so a crash in between
 * duplicates the dead letter rather than losing the message.
 */
export async function consume(broker: Broker, options: ConsumeOptions): Promise<Consumer> {
  const { logger } = options;
  const policy: RetryHoldPolicy = { ...DEFAULT_RETRY_HOLD, ...options.retry };
  let generation = 0;
  // Aborted when the channel is replaced or the consumer closes: a message held for a retry on the
  // old channel will be redelivered by the broker, so its retries must stop.
  let current = new AbortController();
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
      current.abort();
      current = new AbortController();
      generation += 1;
      ch.on('return', (message) => returned.add(String(message.properties.headers?.['x-dead-letter-id'])));
      await prepareTopology(ch, broker.topology, broker.topologyMode);
    },
  });
  recoverFromChannelErrors(channel, broker.connection, logger);
  const settle = (raw: ConsumeMessage, born: number, action: 'ack' | 'requeue') => {
    if (born !== generation) return;
    if (action === 'ack') channel.ack(raw);
    else channel.nack(raw, false, true);
  };
  const deadLetter = (raw: ConsumeMessage, code: string, reason: string) =>
    publishDeadLetter(broker, channel, returned, { raw, queue: options.queue, code, reason });

  const handleHolding = async (message: AnyMessage, raw: ConsumeMessage, log: Logger, signal: AbortSignal): Promise<Outcome> => {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await options.handle(message, raw, log);
      } catch (error) {
        const { code, message: err } = errorSummary(error);
        if (!isRetryable(error)) return { kind: 'dead-letter', code, reason: err };
        const delay = nextRetryDelay(attempt, Date.now() - started, policy);
        if (delay === undefined) {
          log.warn({ code, err, attempts: attempt }, 'handler kept failing for the whole hold time; requeueing the message');
          return { kind: 'requeue' };
        }
        log.warn({ code, err, attempt, retryInMs: delay }, 'handler failed; retrying with the message held');
        if (!(await pause(delay, signal))) return { kind: 'abandon' };
      }
    }
  };

  const onMessage = async (raw: ConsumeMessage) => {
    const born = generation;
    const { signal } = current;
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
      const wrongSender = options.senders && checkSender(message.type, raw.properties.userId, options.senders);
      const outcome: Outcome = wrongSender ? { kind: 'dead-letter', ...wrongSender } : await handleHolding(message, raw, log, signal);
      if (outcome.kind === 'abandon') return;
      if (outcome.kind === 'requeue') {
        settle(raw, born, 'requeue');
        return;
      }
      if (outcome.kind === 'dead-letter') {
        log.warn({ code: outcome.code, reason: outcome.reason }, 'dead-lettering message');
        await deadLetter(raw, outcome.code, outcome.reason);
      }
      settle(raw, born, 'ack');
    } catch (error) {
      // Dead-lettering itself failed: requeue after a pause rather than hold the message unacked
      // until the broker's consumer timeout (if the channel is gone, it is redelivered anyway).
      logger.error({ err: errorSummary(error).message }, 'could not dead-letter the message; requeueing it');
      if (await pause(options.requeueDelayMs ?? 1000, signal)) settle(raw, born, 'requeue');
    }
  };
  await channel.consume(
    options.queue,
    (raw: ConsumeMessage | null) => {
      // amqplib passes null when the broker cancels the consumer (its queue was deleted).
      // amqp-connection-manager 5 intercepts that and re-attaches the consumer, reopening the
      // channel (and so re-running topology setup) if the queue is still missing; this guard
      // only keeps a null that ever got through from crashing the process.
      if (raw === null) {
        logger.warn({ queue: options.queue }, 'consumer cancelled by the broker; waiting to be re-attached');
        return;
      }
      void onMessage(raw);
    },
    { prefetch: options.prefetch },
  );
  await channel.waitForConnect();
  return {
    channel,
    close: async () => {
      current.abort();
      await channel.close();
    },
  };
}

function logInvalid(logger: Logger, queue: string, error: DecodeError): void {
  logger.warn({ queue, code: error.code, reason: error.reason, type: error.type, messageId: error.messageId }, 'invalid message');
}
