import type { AnySystem, FailureReason, Topology, WireMessage } from '@saga/contracts';
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
import type { AnyParticipantDefinition } from './define-participant.ts';
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
  /** Where refused expired commands are recorded, for an audit of what was not done and why. @default not recorded */
  expired?: ExpiredCommandLog;
}

/** A command refused because it reached the participant after its expiresAt. */
export interface ExpiredCommand {
  commandId: string;
  sagaId: string;
  step: string;
  type: string;
  expiresAt: string;
  receivedAt: string;
}

export interface ExpiredCommandLog {
  record(command: ExpiredCommand): Promise<void>;
}

const FAILURE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** The handler's reply, if it answers the command and fits its contract; else a defect (ERR_INVALID_REPLY). */
function checkedReply(system: AnySystem, commandType: string, reply: { type: string; payload: unknown }): { type: string; payload: unknown } {
  const contract = system.message(reply.type);
  if (!contract) throw new SagaError('ERR_INVALID_REPLY', `${commandType} handler returned an unknown message type`);
  if (contract.answers !== commandType) throw new SagaError('ERR_INVALID_REPLY', `${commandType} handler returned ${reply.type}, which does not answer it`);
  const payload = contract.payload.safeParse(reply.payload);
  if (!payload.success) throw new SagaError('ERR_INVALID_REPLY', `${reply.type} payload is invalid`);
  return { type: reply.type, payload: payload.data };
}

/**
 * The failure reply for a handler that threw. A transient error (the database did not answer) says
 * so and names only its code — its message may quote data — and the orchestrator retries within
 * the step's budget. Any other error (a bug, a corrupt document, an invalid reply) is a defect no
 * retry fixes: the reply carries its real code and message, so the saga stops at once and the
 * operator sees what to fix, instead of a generic "transient fault".
 */
function failureOf(error: unknown, participant: string, commandType: string, log: Logger): FailureReason {
  const { code, message } = errorSummary(error);
  if (isRetryable(error)) {
    log.warn({ code }, 'transient failure; answering with a retryable failure');
    return { code: FAILURE_CODE.test(code) ? code : 'TRANSIENT_FAILURE', reason: `transient fault in ${participant} (${code})`, retryable: true, kind: 'transient' };
  }
  log.error({ code, err: message }, 'handler failed; answering with the error');
  return { code: FAILURE_CODE.test(code) && code !== 'ERR_UNEXPECTED' ? code : 'ERR_HANDLER_FAILED', reason: `${participant} failed on ${commandType}: ${message}`.slice(0, 500), retryable: false, kind: 'error' };
}

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
export async function runParticipant(definition: AnyParticipantDefinition, options: RunParticipantOptions): Promise<Consumer> {
  const { bus, topology } = options;
  const system: AnySystem = definition.system;
  // Inside the runtime a handler is seen loosely; its reply is checked against the contracts below.
  type LooseContext = { sagaId: string; step: string; key: string; messageId: string; payload: unknown; log: Logger };
  type LooseHandler = (context: LooseContext) => Promise<{ type: string; payload: unknown }>;
  const handlers = definition.handles as unknown as Record<string, LooseHandler>;
  const accept = new Set(Object.keys(handlers));
  const serializer = new KeyedSerializer();
  const logger = options.logger.child({ participant: definition.name });

  const handle = async (message: WireMessage, log: Logger): Promise<Disposition> => {
    const { correlationId: sagaId, step } = message;
    if (!sagaId || !step) {
      return { kind: 'dead-letter', code: 'ERR_INVALID_MESSAGE', reason: 'a participant command needs correlationId and step' };
    }
    const handler = handlers[message.type];
    if (!handler) return { kind: 'dead-letter', code: 'ERR_INVALID_MESSAGE', reason: `${message.type} has no handler` };
    const context: LooseContext = {
      sagaId,
      step,
      key: Ledger.key(sagaId, step),
      messageId: message.messageId,
      payload: message.payload as never,
      log,
    };
    // Abandoned means abandoned: the orchestrator gives up on a command that has not started by its
    // expiresAt, so starting it later could apply an effect nobody waits for any more.
    const receivedAt = new Date();
    if (message.expiresAt && Date.parse(message.expiresAt) < receivedAt.getTime()) {
      log.warn({ expiresAt: message.expiresAt }, 'command expired before it could start; refusing it');
      await options.expired?.record({ commandId: message.messageId, sagaId, step, type: message.type, expiresAt: message.expiresAt, receivedAt: receivedAt.toISOString() });
      return publishReply(message, sagaId, step, 'CommandExpired', { command: message.type, expiresAt: message.expiresAt, receivedAt: receivedAt.toISOString() }, log);
    }
    const lockKey = definition.serializeOn?.({ sagaId, type: message.type as never, payload: message.payload as never }) ?? sagaId;
    const phase = system.repliesTo(message.type).some((r) => r.outcome === 'compensated') ? 'compensation' : 'action';
    const fault = options.faults ? await options.faults.next(sagaId, step, phase) : { kind: 'none' as const };
    if (fault.kind === 'lose') {
      log.warn('fault plan: dropping this command unhandled');
      return { kind: 'ack' };
    }
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const failed = system.repliesTo(message.type).find((r) => r.outcome === 'failed');
    let reply: { type: string; payload: unknown };
    try {
      reply = await serializer.run(lockKey, () => {
        if (fault.kind === 'fail') throw injectedFault(step, phase);
        return handler(context);
      });
      reply = checkedReply(system, message.type, reply);
    } catch (error) {
      if (!failed) throw error;
      reply = { type: failed.type, payload: failureOf(error, definition.name, message.type, log) };
    }
    crashPoint('participant:after-effect');
    return publishReply(message, sagaId, step, reply.type, reply.payload, log);
  };

  /** Publishes the reply with a confirm; its messageId derives from the command's, so a re-sent reply is a duplicate. */
  const publishReply = async (command: WireMessage, sagaId: string, step: string, type: string, replyPayload: unknown, log: Logger): Promise<Disposition> => {
    const contract = system.message(type)!;
    const payload = contract.payload.parse(replyPayload);
    const envelope = createEnvelope({
      messageId: deriveId(`${command.messageId}/${type}`),
      type,
      schemaVersion: contract.version,
      correlationId: sagaId,
      causationId: command.messageId,
      step,
      payload,
    });
    await publishEnvelope(bus, { exchange: topology.exchanges.replies.name, routingKey: topology.replyRoutingKey(sagaId) }, envelope);
    crashPoint('participant:after-reply');
    log.info({ reply: type }, 'command handled');
    return { kind: 'ack' };
  };

  const consumer = await consume(bus, {
    queue: topology.queues.participants[definition.name]!.name,
    deadLetterExchange: topology.exchanges.deadLetter.name,
    prefetch: options.prefetch,
    maxBytes: options.maxBytes,
    accept,
    message: system.message,
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
