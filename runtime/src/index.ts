/**
 * @saga/runtime — what the orchestrator and every participant share: RabbitMQ plumbing
 * (amqp-connection-manager with topology asserted on every reconnect, confirmed publishes,
 * consumers that dead-letter with a reason), the MongoDB connection, the pino logger with PII
 * redaction, the coded error family, env config, and the participant runtime with its
 * idempotency ledger. Imported by services, never by @saga/contracts.
 *
 * @example
 *   const broker = await connectBroker({ url, topology: topology('saga'), logger, name: 'payment' });
 *   await runParticipant(paymentParticipant, { broker, logger, prefetch: 32, maxBytes: 262144 });
 */
export * from './errors.ts';
export * from './logger.ts';
export * from './config.ts';
export * from './keyed-serializer.ts';
export * from './crash-points.ts';
export * from './mongo.ts';
export * from './db-command-metrics.ts';
export * from './envelope-factory.ts';
export * from './amqp/assert-topology.ts';
export * from './amqp/prepare-topology.ts';
export * from './amqp/amqp-url.ts';
export * from './amqp/sender-check.ts';
export * from './amqp/retry-hold.ts';
export * from './amqp/broker.ts';
export * from './amqp/publish.ts';
export * from './amqp/consume.ts';
export * from './participant/define-participant.ts';
export * from './participant/ledger.ts';
export * from './participant/action-reply.ts';
export * from './participant/run-participant.ts';
export * from './participant/participant-main.ts';
export * from './participant/fault-plan.ts';
