import { topology } from '@saga/contracts';
import { BaseConfig, connectBroker, connectMongo, createLogger, databaseName, deriveId, loadConfig, newMessageId, senderMapFromConfig } from '@saga/runtime';
import { z } from 'zod';
import { SagaEngine } from './application/saga-engine.ts';
import { createHttpApi } from './adapters/http/http-api.ts';
import { OrchestratorMetrics } from './adapters/http/metrics.ts';
import { MongoSagaStore } from './adapters/mongodb/mongo-saga-store.ts';
import { RabbitCommandPublisher } from './adapters/rabbitmq/rabbit-command-publisher.ts';
import { startSagaConsumers } from './adapters/rabbitmq/saga-consumers.ts';
import { sagaDefinitions } from './domain/sagas/index.ts';

const OrchestratorConfig = BaseConfig.extend({
  /** Port of the read-only HTTP API; 0 picks a free one. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** How often the outbox relay looks for commands that were committed but not confirmed. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  /** How long an outbox entry may wait before the relay re-sends it. */
  OUTBOX_GRACE_MS: z.coerce.number().int().min(0).default(5000),
});

/** Composition root: the only place that wires adapters to the application. */
async function main(): Promise<void> {
  const config = loadConfig(OrchestratorConfig);
  const logger = createLogger({ name: 'orchestrator', level: config.LOG_LEVEL });
  const mongo = await connectMongo(config.MONGO_URL, 'orchestrator');
  const store = new MongoSagaStore(mongo.db(databaseName(config.SAGA_NAMESPACE, 'orchestrator')));
  await store.ensureIndexes();
  const broker = await connectBroker({
    url: config.AMQP_URL,
    topology: topology(config.SAGA_NAMESPACE),
    topologyMode: config.AMQP_TOPOLOGY,
    logger,
    name: 'orchestrator',
  });
  const engine = new SagaEngine({
    store,
    publisher: new RabbitCommandPublisher(broker),
    clock: { now: () => new Date() },
    newId: newMessageId,
    deriveId,
    definitions: sagaDefinitions,
    logger,
  });
  // Recovery after a crash: commands committed but never confirmed are re-sent before we consume.
  const recovered = await engine.relayPending(0);
  if (recovered > 0) logger.info({ sagas: recovered }, 're-sent pending outboxes');
  const metrics = new OrchestratorMetrics();
  const consumers = await startSagaConsumers({
    broker,
    engine,
    logger,
    metrics,
    prefetch: config.PREFETCH,
    maxBytes: config.MAX_MESSAGE_BYTES,
    senders: senderMapFromConfig(config),
  });
  const relay = setInterval(() => {
    engine.relayPending(config.OUTBOX_GRACE_MS).catch((error: unknown) => logger.warn({ err: String(error) }, 'outbox relay failed'));
  }, config.OUTBOX_RELAY_INTERVAL_MS);
  const http = createHttpApi(store, metrics, logger);
  http.on('error', (error) => {
    logger.fatal({ err: error.message }, 'HTTP API cannot listen');
    process.exit(1);
  });
  http.listen(config.HTTP_PORT, config.HTTP_HOST, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
    logger.info({ namespace: config.SAGA_NAMESPACE, port, sagas: [...sagaDefinitions.keys()] }, 'orchestrator ready');
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    clearInterval(relay);
    http.close();
    await Promise.all(consumers.map((c) => c.close().catch(() => undefined)));
    await broker.close().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`orchestrator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
