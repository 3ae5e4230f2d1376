import type { AnyMessage, MessageType, Participant, Topology } from '@saga/contracts';
import { isMessageType, messages, repliesTo } from '@saga/contracts';
import { consume, type Consumer, type Disposition } from '../amqp/consume.ts';
import type { RetryHoldPolicy } from '../amqp/retry-hold.ts';
import type { MessageBus } from '../bus/message-bus.ts';
import type { SenderMap } from '../amqp/sender-check.ts';
import { publishEnvelope } from '../amqp/publish.ts';
import { createEnvelope, deriveId } from '../envelope-factory.ts';
import { SagaError, errorSummary, isRetryable } from '../errors.ts';
import { crashPoint } from '../crash-points.ts';
import { KeyedSerializer } from '../keyed-serializer.ts';
import type { Logger } from '../logger.ts';
import type { CommandsOf, HandlerContext, ParticipantDefinition } from './define-participant.ts';
import { injectedFault, type FaultPlan } from './fault-plan.ts';
import { Ledger } from './ledger.ts';

export interface RunParticipantOptions {
  bus: MessageBus;
  /** The namespace's topology: where the participant's commands wait and where replies go. */
  topology: Topology;
  logger: Logger;
  prefetch: number;
  maxBytes: number;
  /** Scripted faults, for chaos runs and fault-injection tests only. */
  faults?: FaultPlan;
  /** Refuse commands not published by the orchestrator's broker user (see consume). @default no check */
  senders?: SenderMap;
  /** In-process retries of a retryable handler failure (see consume). @default DEFAULT_RETRY_HOLD */
  retry?: Partial<RetryHoldPolicy>;
}

const FAILURE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * The shared participant runtime: consumes the participant's command queue, decodes once, runs the
 * handler (business logic only), wraps its reply in an envelope, publishes it with a confirm and
 * only then acks the command. A crash anywhere before the ack redelivers the command; the handler's
 * ledger markers turn the re-run into "return the recorded outcome", and the reply's messageId is
 * derived from the command's, so the orchestrator de-duplicates the re-sent reply.
 *
 * A handler that fails transiently (a retryable error: the database did not answer) is answered
 * with the command's failure reply marked `retryable`, so the orchestrator retries it within the
 * step's budget — the participant does not loop on its own. No marker was written, so the retry
 * runs the action afresh. A command without a failure reply falls back to the consumer's hold-and-
 * retry.
 */
export async function runParticipant<P extends Participant>(
  definition: ParticipantDefinition<P>,
  options: RunParticipantOptions,
): Promise<Consumer> {
  const { bus, topology } = options;
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
    const phase = repliesTo(message.type).some((r) => r.outcome === 'compensated') ? 'compensation' : 'action';
    const fault = options.faults ? await options.faults.next(sagaId, step, phase) : { kind: 'none' as const };
    if (fault.kind === 'lose') {
      log.warn('fault plan: dropping this command unhandled');
      return { kind: 'ack' };
    }
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    let reply: { type: string; payload: unknown };
    try {
      reply = await serializer.run(lockKey, () => {
        if (fault.kind === 'fail') throw injectedFault(step, phase);
        return handler(context);
      });
    } catch (error) {
      const failed = repliesTo(message.type).find((r) => r.outcome === 'failed');
      if (!isRetryable(error) || !failed) throw error;
      const { code } = errorSummary(error);
      log.warn({ code }, 'transient failure; answering with a retryable failure');
      // The reason names the code only: an error message may quote data.
      reply = { type: failed.type, payload: { code: FAILURE_CODE.test(code) ? code : 'TRANSIENT_FAILURE', reason: `transient fault in ${definition.name} (${code})`, retryable: true } };
    }
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
    await publishEnvelope(bus, { exchange: topology.exchanges.replies.name, routingKey: topology.replyRoutingKey(sagaId) }, envelope);
    crashPoint('participant:after-reply');
    log.info({ reply: reply.type }, 'command handled');
    return { kind: 'ack' };
  };

  const consumer = await consume(bus, {
    queue: topology.queues.participants[definition.name].name,
    deadLetterExchange: topology.exchanges.deadLetter.name,
    prefetch: options.prefetch,
    maxBytes: options.maxBytes,
    accept,
    logger,
    senders: options.senders,
    retry: options.retry,
    handle: (message, _delivery, log) => handle(message, log),
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
    close: async () => {
      timers.forEach(clearInterval);
      await consumer.close();
    },
  };
}
