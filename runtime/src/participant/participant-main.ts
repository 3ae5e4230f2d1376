import { Registry } from 'prom-client';
import { z } from 'zod';
import type { DocumentDatabase } from '../documents/document-collection.ts';
import type { AnySystem, ParticipantOf } from '@saga/contracts';
import { BaseConfig, connectServiceBus, databaseName, loadConfig, senderMapFromConfig, serviceTopology } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { dbCommandCounter } from '../db-command-metrics.ts';
import { connectMongo, documentDatabaseOf, ensureCollections } from '../mongo.ts';
import type { ParticipantDefinition } from './define-participant.ts';
import { DocumentExpiredCommandLog, EXPIRED_COMMANDS } from './expired-command-log.ts';
import { FAULT_COUNTS, FaultPlan } from './fault-plan.ts';
import { serveMetrics } from './metrics-endpoint.ts';
import { runParticipant } from './run-participant.ts';

const ParticipantConfig = BaseConfig.extend({
  /** Opt-in: serve GET /metrics (database commands by name) on 127.0.0.1 at this port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export interface ParticipantMainOptions<S extends AnySystem, P extends ParticipantOf<S>> {
  /** The system the participant belongs to. */
  system: S;
  name: P;
  /** Collections the participant writes, created before it consumes (see ensureCollections). */
  collections: readonly string[];
  /** Builds the participant over its own database; may seed reference data (idempotently). */
  create(db: DocumentDatabase, logger: Logger): Promise<ParticipantDefinition<S, P>> | ParticipantDefinition<S, P>;
}

/**
 * The whole life of a participant process: parse config, connect, consume, and on SIGTERM/SIGINT
 * stop consuming and close. A participant's main.ts is one call to this.
 */
export async function participantMain<S extends AnySystem, const P extends ParticipantOf<S>>(options: ParticipantMainOptions<S, P>): Promise<void> {
  const { system } = options;
  const config = loadConfig(ParticipantConfig);
  const logger = createLogger({ name: options.name, level: config.LOG_LEVEL });
  const registry = config.METRICS_PORT === undefined ? undefined : new Registry();
  const mongo = await connectMongo(config.MONGO_URL, options.name, registry ? { onCommand: dbCommandCounter(registry) } : {});
  const db = mongo.db(databaseName(config.SAGA_NAMESPACE, options.name));
  await ensureCollections(db, [...options.collections, EXPIRED_COMMANDS, ...(process.env['SAGA_FAULT_PLAN'] ? [FAULT_COUNTS] : [])]);
  const documents = documentDatabaseOf(db);
  const definition = await options.create(documents, logger);
  const bus = await connectServiceBus(system, config, options.name, logger);
  const faults = FaultPlan.fromEnv(documents);
  if (faults) logger.warn('SAGA_FAULT_PLAN is set: this participant misbehaves on purpose for the sagas it names');
  const consumer = await runParticipant(definition, {
    bus,
    topology: serviceTopology(system, config),
    logger,
    prefetch: config.PREFETCH,
    maxBytes: config.MAX_MESSAGE_BYTES,
    senders: senderMapFromConfig(system, config),
    expired: new DocumentExpiredCommandLog(documents),
    ...(faults ? { faults } : {}),
  });
  const metrics = registry && config.METRICS_PORT !== undefined ? await serveMetrics(registry, config.METRICS_PORT, logger) : undefined;
  logger.info({ namespace: config.SAGA_NAMESPACE }, 'participant ready');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    metrics?.close();
    await consumer.close().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
