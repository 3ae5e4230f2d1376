import type { AnyMessage, MessageType, Participant } from '@saga/contracts';
import { isMessageType, messages } from '@saga/contracts';
import { consume, type Consumer, type Disposition } from '../amqp/consume.ts';
import type { Broker } from '../amqp/broker.ts';
import type { RetryHoldPolicy } from '../amqp/retry-hold.ts';
import type { SenderMap } from '../amqp/sender-check.ts';
import { publishEnvelope } from '../amqp/publish.ts';
import { createEnvelope, deriveId } from '../envelope-factory.ts';
import { SagaError, errorSummary } from '../errors.ts';
import { crashPoint } from '../crash-points.ts';
import { KeyedSerializer } from '../keyed-serializer.ts';
import type { Logger } from '../logger.ts';
import type { CommandsOf, HandlerContext, ParticipantDefinition } from './define-participant.ts';
import { Ledger } from './ledger.ts';

export interface RunParticipantOptions {
  broker: Broker;
  logger: Logger;
  prefetch: number;
  maxBytes: number;
  /** Refuse commands not published by the orchestrator's broker user (see consume). @default no check */
  senders?: SenderMap;
  /** In-process retries of a retryable handler failure (see consume). @default DEFAULT_RETRY_HOLD */
  retry?: Partial<RetryHoldPolicy>;
}

/**
 * The shared participant runtime: consumes the participant's command queue, decodes once, runs the
 * handler (business logic only), wraps its reply in an envelope, publishes it with a confirm and
 * only then acks the command. A crash anywhere before the ack redelivers the command; the handler's
 * ledger markers turn the re-run into "return the recorded outcome", and the reply's messageId is
 * derived from the command's, so the orchestrator de-duplicates the re-sent reply.
 */
export async function runParticipant<P extends Participant>(
  definition: ParticipantDefinition<P>,
  options: RunParticipantOptions,
): Promise<Consumer> {
  const { broker } = options;
  // Inside the runtime a handler is seen loosely; its reply is checked against the contracts below.
  type LooseHandler = (context: HandlerContext<MessageType>) => Promise<{ type: string; payload: unknown }>;
  const handlers = definition.handles as unknown as Record<string, LooseHandler>;
  const accept = new Set(Object.keys(handlers));
  const serializer = new KeyedSerializer();
  const logger = options.logger.child({ participant: definition.name });

  const handle = async (message: AnyMessage, log: Logger): Promise<Disposition> => {
    const { correlationId: sagaId, step } = message;
    if (!sagaId || !step) {
      return { kind: 'dead-letter', code: 'ERR_INVALID_MESSAGE', reason: 'a participant command needs correlationId and step' };
    }
    const handler = handlers[message.type];
    if (!handler) return { kind: 'dead-letter', code: 'ERR_INVALID_MESSAGE', reason: `${message.type} has no handler` };
    const context: HandlerContext<MessageType> = {
      sagaId,
      step,
      key: Ledger.key(sagaId, step),
      messageId: message.messageId,
      payload: message.payload as never,
      log,
    };
    const lockKey = definition.serializeOn?.({ sagaId, type: message.type as CommandsOf<P>, payload: message.payload as never }) ?? sagaId;
    const reply = await serializer.run(lockKey, () => handler(context));
    crashPoint('participant:after-effect');
    if (!isMessageType(reply.type)) throw new SagaError('ERR_INVALID_REPLY', `${message.type} handler returned an unknown message type`);
    const contract = messages[reply.type];
    if (contract.answers !== message.type) {
      throw new SagaError('ERR_INVALID_REPLY', `${message.type} handler returned ${reply.type}, which does not answer it`);
    }
    const payload = contract.payload.safeParse(reply.payload);
    if (!payload.success) throw new SagaError('ERR_INVALID_REPLY', `${reply.type} payload is invalid`);
    const envelope = createEnvelope({
      messageId: deriveId(`${message.messageId}/${reply.type}`),
      type: reply.type,
      schemaVersion: contract.version,
      correlationId: sagaId,
      causationId: message.messageId,
      step,
      payload: payload.data,
    });
    await publishEnvelope(
      broker,
      { exchange: broker.topology.exchanges.replies.name, routingKey: broker.topology.replyRoutingKey },
      envelope,
    );
    crashPoint('participant:after-reply');
    log.info({ reply: reply.type }, 'command handled');
    return { kind: 'ack' };
  };

  const consumer = await consume(broker, {
    queue: broker.topology.queues.participants[definition.name].name,
    prefetch: options.prefetch,
    maxBytes: options.maxBytes,
    accept,
    logger,
    senders: options.senders,
    retry: options.retry,
    handle: (message, _raw, log) => handle(message, log),
  });
  const timers = (definition.housekeeping ?? []).map((job) => {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      job
        .run((key, task) => serializer.run(key, task))
        .catch((error: unknown) => logger.warn({ job: job.name, err: errorSummary(error).message }, 'housekeeping failed; will retry'))
        .finally(() => {
          running = false;
        });
    }, job.everyMs);
  });
  return {
    ...consumer,
    close: async () => {
      timers.forEach(clearInterval);
      await consumer.close();
    },
  };
}
