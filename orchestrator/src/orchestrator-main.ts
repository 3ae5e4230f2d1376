import { BaseConfig, connectMongo, connectServiceBus, createLogger, databaseName, loadConfig, senderMapFromConfig, serviceTopology } from '@saga/runtime';
import { z } from 'zod';
import { OrchestratorMetrics } from './adapters/http/metrics.ts';
import { MongoHistoryStore } from './adapters/mongodb/mongo-history-store.ts';
import { MongoSagaStore } from './adapters/mongodb/mongo-saga-store.ts';
import { checkDeployedDefinitions } from './application/deployed-definitions.ts';
import { BACKOFF_SHAPES, type BackoffShape } from './domain/retry-policy.ts';
import type { AnySystem } from '@saga/contracts';
import type { AnySagaDefinition } from './domain/definition.ts';
import { definitionKey, sagaRegistry } from './domain/saga-registry.ts';
import { withPolicyDefaults } from './domain/validate-definition.ts';
import { startOrchestrator } from './start-orchestrator.ts';

const Retry = z.object({
  backoff: z.enum(BACKOFF_SHAPES as [BackoffShape, ...BackoffShape[]]),
  incrementMs: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  initialDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0),
  multiplier: z.number().min(1),
  jitter: z.number().min(0).max(1),
  maxElapsedMs: z.number().int().min(0),
}).partial().strict();
const Phase = z.object({ retry: Retry.optional(), timeoutMs: z.number().int().min(1).optional(), startWithinMs: z.number().int().min(1).optional() }).strict();
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

/** The orchestrator's configuration, parsed from the environment once (loadConfig). */
export const OrchestratorConfig = BaseConfig.extend({
  /** Port of the read-only HTTP API; 0 picks a free one. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  /** How often the sweeper looks for due timers and for commands committed but not confirmed. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** How long an outbox entry may wait before the sweeper has it re-sent. */
  OUTBOX_GRACE_MS: z.coerce.number().int().min(0).default(5000),
  SAGA_POLICY: PolicyDefaults.optional(),
  /**
   * Start although sagas still run on a definition version this orchestrator does not deploy:
   * those sagas park as `definition-missing` when next woken, instead of the start being refused.
   */
  SAGA_ALLOW_MISSING_DEFINITIONS: z.stringbool().default(false),
  /**
   * Deploy only these definition versions, e.g. `order-fulfilment@1` (comma-separated); by default
   * every version this build ships. For rolling a version out, or back, without a new build.
   */
  SAGA_DEPLOY: z
    .string()
    .optional()
    .transform((text) => (text ? new Set(text.split(',').map((t) => t.trim()).filter(Boolean)) : undefined)),
});

export interface OrchestratorMainOptions {
  /** The team's system: its participants and messages. */
  system: AnySystem;
  /** Every saga version to deploy, side by side (SAGA_DEPLOY may narrow them). */
  sagas: readonly AnySagaDefinition[];
}

/**
 * The whole life of an orchestrator process over MongoDB and RabbitMQ, as the environment
 * configures them (OrchestratorConfig): parse the configuration, connect, check that every version
 * still running is deployed, start the engine, its consumers, the sweeper and the HTTP API, and stop
 * cleanly on SIGTERM/SIGINT. A team's orchestrator main is one call to this, as Temporal's
 * Worker.create or MassTransit's configuration are; a start that cannot succeed exits non-zero with
 * the reason.
 *
 * @example
 *   await orchestratorMain({ system: shop, sagas: [checkout, checkoutV2] });
 */
export async function orchestratorMain(options: OrchestratorMainOptions): Promise<void> {
  try {
    await run(options);
  } catch (error) {
    process.stderr.write(`orchestrator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

async function run({ system, sagas }: OrchestratorMainOptions): Promise<void> {
  const config = loadConfig(OrchestratorConfig);
  const logger = createLogger({ name: 'orchestrator', level: config.LOG_LEVEL });
  const deployed = config.SAGA_DEPLOY ? sagas.filter((d) => config.SAGA_DEPLOY!.has(definitionKey(d.name, d.version))) : sagas;
  const definitions = config.SAGA_POLICY ? withPolicyDefaults(deployed, config.SAGA_POLICY) : deployed;
  const registry = sagaRegistry(definitions);
  const metrics = new OrchestratorMetrics();
  const mongo = await connectMongo(config.MONGO_URL, 'orchestrator', { onCommand: metrics.dbCommand });
  const db = mongo.db(databaseName(config.SAGA_NAMESPACE, 'orchestrator'));
  const store = new MongoSagaStore(db);
  await store.ensureIndexes();
  const history = new MongoHistoryStore(db);
  await history.ensureIndexes();
  const missing = await checkDeployedDefinitions(store, registry, config.SAGA_ALLOW_MISSING_DEFINITIONS);
  for (const m of missing) logger.warn({ definition: definitionKey(m.sagaType, m.definitionVersion), sagas: m.count }, 'definition not deployed: its sagas will park as definition-missing');
  const bus = await connectServiceBus(system, config, 'orchestrator', logger);
  const orchestrator = await startOrchestrator({
    system,
    store,
    history,
    bus,
    topology: serviceTopology(system, config),
    registry,
    logger,
    metrics,
    prefetch: config.PREFETCH,
    maxBytes: config.MAX_MESSAGE_BYTES,
    senders: senderMapFromConfig(system, config),
    http: { port: config.HTTP_PORT, host: config.HTTP_HOST },
    sweepIntervalMs: config.SWEEP_INTERVAL_MS,
    outboxGraceMs: config.OUTBOX_GRACE_MS,
  });
  logger.info({ namespace: config.SAGA_NAMESPACE, port: orchestrator.port, sagas: registry.all().map((d) => definitionKey(d.name, d.version)) }, 'orchestrator ready');
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await orchestrator.close();
    await bus.close().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
