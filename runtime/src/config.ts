import { z } from 'zod';
import { topology, type AnySystem, type Topology } from '@saga/contracts';
import { conventionalSenders, parseServiceUsers, unknownServices, type SenderMap } from './amqp/sender-check.ts';
import { SagaError } from './errors.ts';
import { busTopologyOf } from './bus/bus-topology.ts';
import { connectRabbitBus, type RabbitBus } from './bus/rabbitmq/rabbit-bus.ts';
import type { Logger } from './logger.ts';

/** Settings every deployable shares. Each `main.ts` extends this and parses `process.env` once. */
export const BaseConfig = z.object({
  AMQP_URL: z.string().url().default('amqp://guest:guest@127.0.0.1:5672'),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017'),
  /** Prefix of every exchange, queue and database name, so several systems can share a broker. */
  SAGA_NAMESPACE: z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/).default('saga'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Messages larger than this are dead-lettered unread. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  PREFETCH: z.coerce.number().int().min(1).max(1000).default(32),
  /** Partition queues of the orchestrator's input; the same number on every service of a namespace. */
  SAGA_PARTITIONS: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * `declare` asserts exchanges and queues on connect; `verify` only checks they exist, for a broker
   * user without configure permission (least-privilege participants).
   */
  AMQP_TOPOLOGY: z.enum(['declare', 'verify']).default('declare'),
  /**
   * Refuse (dead-letter with ERR_WRONG_SENDER) messages whose broker-enforced user-id is not the
   * user of the service that sends that type; users are `<SAGA_NAMESPACE>-<service>`.
   */
  AMQP_SENDER_CHECK: z.stringbool().default(false),
  /** Users that break the naming convention, e.g. `payment=pay-svc,inventory=inv`; implies the sender check. */
  SERVICE_USERS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return parseServiceUsers(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

/**
 * Parses the environment with a zod schema. On failure prints every issue and exits non-zero:
 * a service with a bad configuration must not start half-way.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  process.stderr.write('Invalid configuration (ERR_INVALID_CONFIG):\n');
  for (const issue of parsed.error.issues) {
    process.stderr.write(`  ${issue.path.join('.')}: ${issue.message}\n`);
  }
  process.exit(2);
}

/** The sender map consumers check against, or undefined when the sender check is off. */
export function senderMapFromConfig(system: AnySystem, config: Pick<BaseConfig, 'SAGA_NAMESPACE' | 'AMQP_SENDER_CHECK' | 'SERVICE_USERS'>): SenderMap | undefined {
  if (!config.AMQP_SENDER_CHECK && !config.SERVICE_USERS) return undefined;
  const unknown = config.SERVICE_USERS ? unknownServices(config.SERVICE_USERS, system.services) : [];
  if (unknown.length > 0) throw new SagaError('ERR_INVALID_CONFIG', `SERVICE_USERS names ${unknown.join(', ')}, which ${system.name} does not have (services: ${system.services.join(', ')})`);
  return conventionalSenders(config.SAGA_NAMESPACE, system.services, config.SERVICE_USERS);
}

/** The system's topology in the configured namespace: every service of a namespace must agree. */
export function serviceTopology(system: AnySystem, config: Pick<BaseConfig, 'SAGA_NAMESPACE' | 'SAGA_PARTITIONS'>): Topology {
  return topology(system, config.SAGA_NAMESPACE, { partitions: config.SAGA_PARTITIONS });
}

/**
 * The RabbitMQ connection of a deployable, as its configuration says: the namespace's topology with
 * its partitions, declared or verified, the size limit, and a connection name `<service>@<namespace>`.
 */
export function connectServiceBus(system: AnySystem, config: BaseConfig, service: string, logger: Logger): Promise<RabbitBus> {
  return connectRabbitBus({
    url: config.AMQP_URL,
    topology: busTopologyOf(serviceTopology(system, config)),
    topologyMode: config.AMQP_TOPOLOGY,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    logger,
    name: `${service}@${config.SAGA_NAMESPACE}`,
  });
}

/** MongoDB database name of one service within a namespace, e.g. `saga_orchestrator`. */
export function databaseName(namespace: string, service: string): string {
  return `${namespace}_${service}`.replace(/-/g, '_');
}
