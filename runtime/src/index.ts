/**
 * @saga/runtime — what the orchestrator and every participant share: the message-bus port with
 * its RabbitMQ adapter (amqp-connection-manager with topology asserted on every reconnect,
 * confirmed publishes) and its in-memory one (MemoryBroker, with faults for tests), consumers that
 * dead-letter with a reason, the MongoDB connection and the narrow DocumentCollection interface
 * (its in-memory twin is `@saga/runtime/memory-documents`), the pino logger with PII redaction, the coded error family, env config,
 * and the participant runtime with its idempotency ledger. Imported by services, never by
 * @saga/contracts.
 *
 * @example
 *   const names = topology(shop, 'shop');            // shop = defineSystem(…), billing = defineParticipant(shop, …)
 *   const bus = await connectRabbitBus({ url, topology: busTopologyOf(names), logger, name: 'billing' });
 *   await runParticipant(billing, { bus, topology: names, logger, prefetch: 32, maxBytes: 262144 });
 */
export * from './errors.ts';
export * from './logger.ts';
export * from './config.ts';
export * from './keyed-serializer.ts';
export * from './crash-points.ts';
export * from './mongo.ts';
export * from './db-command-metrics.ts';
export * from './envelope-factory.ts';
export * from './documents/document-collection.ts';
export * from './bus/message-bus.ts';
export * from './bus/bus-topology.ts';
export * from './bus/rabbitmq/assert-topology.ts';
export * from './bus/rabbitmq/prepare-topology.ts';
export * from './bus/rabbitmq/amqp-url.ts';
export * from './bus/rabbitmq/rabbit-bus.ts';
export * from './bus/memory/memory-broker.ts';
export * from './bus/memory/memory-bus.ts';
export * from './bus/memory/bus-faults.ts';
export type { QueueStats } from './bus/memory/memory-queue.ts';
export * from './scheduler.ts';
export * from './manual-clock.ts';
export * from './amqp/sender-check.ts';
export * from './amqp/retry-hold.ts';
export * from './amqp/publish.ts';
export * from './amqp/consume.ts';
export * from './participant/define-participant.ts';
export * from './participant/ledger.ts';
export * from './participant/action-reply.ts';
export * from './participant/run-participant.ts';
export * from './participant/expired-command-log.ts';
export * from './participant/participant-main.ts';
export * from './participant/fault-plan.ts';
