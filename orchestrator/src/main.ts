import { BaseConfig, connectMongo, connectServiceBroker, createLogger, databaseName, deriveId, loadConfig, newMessageId, senderMapFromConfig } from '@saga/runtime';
import { z } from 'zod';
import { SagaEngine } from './application/saga-engine.ts';
import { SagaOperations } from './application/saga-operations.ts';
import { createHttpApi } from './adapters/http/http-api.ts';
import { OrchestratorMetrics } from './adapters/http/metrics.ts';
import { MongoSagaStore } from './adapters/mongodb/mongo-saga-store.ts';
import { RabbitCommandPublisher } from './adapters/rabbitmq/rabbit-command-publisher.ts';
import { RabbitSagaInbox } from './adapters/rabbitmq/rabbit-saga-inbox.ts';
import { startSagaConsumers } from './adapters/rabbitmq/saga-consumers.ts';
import { sagaDefinitions } from './domain/sagas/index.ts';
import { withPolicyDefaults } from './domain/validate-definition.ts';

const Retry = z.object({
  maxAttempts: z.number().int().min(1),
  initialDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0),
  multiplier: z.number().min(1),
  jitter: z.number().min(0).max(1),
  maxElapsedMs: z.number().int().min(0),
}).partial().strict();
const Phase = z.object({ retry: Retry.optional(), timeoutMs: z.number().int().min(1).optional() }).strict();
/** SAGA_POLICY: JSON laid over every saga's default policies, e.g. {"policy":{"timeoutMs":5000}}. */
const PolicyDefaults = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ policy: Phase.optional(), compensationPolicy: Phase.optional(), deadlineMs: z.number().int().min(1).optional() }).strict());

const OrchestratorConfig = BaseConfig.extend({
  /** Port of the read-only HTTP API; 0 picks a free one. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** How often the sweeper looks for due timers and for commands committed but not confirmed. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** How long an outbox entry may wait before the sweeper has it re-sent. */
  OUTBOX_GRACE_MS: z.coerce.number().int().min(0).default(5000),
  SAGA_POLICY: PolicyDefaults.optional(),
});

/** Composition root: the only place that wires adapters to the application. */
async function main(): Promise<void> {
  const config = loadConfig(OrchestratorConfig);
  const logger = createLogger({ name: 'orchestrator', level: config.LOG_LEVEL });
  const definitions = config.SAGA_POLICY ? withPolicyDefaults(sagaDefinitions, config.SAGA_POLICY) : sagaDefinitions;
  const metrics = new OrchestratorMetrics();
  const mongo = await connectMongo(config.MONGO_URL, 'orchestrator', { onCommand: metrics.dbCommand });
  const store = new MongoSagaStore(mongo.db(databaseName(config.SAGA_NAMESPACE, 'orchestrator')));
  await store.ensureIndexes();
  const broker = await connectServiceBroker(config, 'orchestrator', logger);
  const inbox = new RabbitSagaInbox(broker);
  const clock = { now: () => new Date() };
  const engine = new SagaEngine({
    store,
    publisher: new RabbitCommandPublisher(broker),
    inbox,
    clock,
    newId: newMessageId,
    deriveId,
    definitions,
    logger,
  });
  const operations = new SagaOperations({ store, inbox, clock, newId: newMessageId, definitions });
  // Recovery after a crash: every saga with a pending outbox or a due timer is woken before we
  // consume, so commands committed but never confirmed are re-sent (same messageId).
  const recovered = await engine.sweep({ graceMs: 0 });
  if (recovered > 0) logger.info({ sagas: recovered }, 'woke sagas with pending work');
  const consumers = await startSagaConsumers({
    broker,
    engine,
    logger,
    metrics,
    prefetch: config.PREFETCH,
    maxBytes: config.MAX_MESSAGE_BYTES,
    senders: senderMapFromConfig(config),
  });
  const sweeper = setInterval(() => {
    engine.sweep({ graceMs: config.OUTBOX_GRACE_MS }).catch((error: unknown) => logger.warn({ err: String(error) }, 'sweep failed; will retry'));
  }, config.SWEEP_INTERVAL_MS);
  const http = createHttpApi({ store, operations, metrics, logger });
  http.on('error', (error) => {
    logger.fatal({ err: error.message }, 'HTTP API cannot listen');
    process.exit(1);
  });
  http.listen(config.HTTP_PORT, config.HTTP_HOST, () => {
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
    logger.info({ namespace: config.SAGA_NAMESPACE, port, sagas: [...definitions.keys()] }, 'orchestrator ready');
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    clearInterval(sweeper);
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
