import { isFrameworkMessage, partitionOf, type AnySystem, type Topology, type WireMessage } from '@saga/contracts';
import { consume, type Consumer, type Disposition, type Logger, type MessageBus, type SenderMap } from '@saga/runtime';
import type { HandleResult, SagaEngine } from '../../application/saga-engine.ts';
import type { OrchestratorMetrics } from '../http/metrics.ts';

export interface SagaConsumerOptions {
  /** The system whose replies the orchestrator takes. */
  system: AnySystem;
  bus: MessageBus;
  topology: Topology;
  engine: SagaEngine;
  logger: Logger;
  prefetch: number;
  maxBytes: number;
  metrics: OrchestratorMetrics;
  /** Refuse replies not published by the broker user of the participant that sends them. @default no check */
  senders?: SenderMap;
}

/**
 * The orchestrator's inputs. StartSaga arrives on the commands queue, which every instance
 * consumes: it is checked and forwarded to its saga's partition. Every partition queue has a single
 * active consumer across instances (RabbitMQ moves it to another instance when one goes away), and
 * that consumer applies the partition's messages: replies, forwarded StartSagas, wake-ups, operator
 * commands. A message is acked only after its effect is committed (and its commands published); a
 * rejected one is dead-lettered with its code and reason.
 */
export async function startSagaConsumers(options: SagaConsumerOptions): Promise<Consumer[]> {
  const { system, bus, topology, engine, metrics } = options;
  const partitionTypes = new Set([
    ...system.messageList.filter((m) => m.to === 'orchestrator' && m.kind === 'reply').map((m) => m.type),
    'StartSaga',
    'WakeSaga',
    'OperatorCommand',
  ]);
  const common = {
    prefetch: options.prefetch,
    maxBytes: options.maxBytes,
    logger: options.logger,
    senders: options.senders,
    deadLetterExchange: topology.exchanges.deadLetter.name,
    message: system.message,
  };
  const commands = await consume(bus, {
    ...common,
    queue: topology.queues.orchestratorCommands.name,
    accept: new Set(['StartSaga']),
    handle: async (message, _delivery, log): Promise<Disposition> => {
      if (!isFrameworkMessage(message, 'StartSaga')) return { kind: 'dead-letter', code: 'ERR_UNEXPECTED_TYPE', reason: `${message.type} is not a StartSaga` };
      const routed = await engine.route(message);
      if (routed.kind === 'rejected') {
        metrics.record(message.type, routed);
        return { kind: 'dead-letter', code: routed.code, reason: routed.reason };
      }
      log.debug({ sagaId: routed.sagaId }, 'StartSaga forwarded to its partition');
      return { kind: 'ack' };
    },
  });
  const partitions: Consumer[] = [];
  // PREFETCH bounds the whole instance, not each partition: FerretDB's connection pool is finite.
  const perPartition = Math.max(1, Math.ceil(options.prefetch / topology.queues.orchestratorPartitions.length));
  for (const [k, queue] of topology.queues.orchestratorPartitions.entries()) {
    partitions.push(
      await consume(bus, {
        ...common,
        prefetch: perPartition,
        queue: queue.name,
        accept: partitionTypes,
        handle: async (message, _delivery, log): Promise<Disposition> => {
          const misplaced = wrongPartition(message, k, topology.partitionCount);
          if (misplaced) return { kind: 'dead-letter', code: 'ERR_WRONG_PARTITION', reason: misplaced };
          const result: HandleResult = await engine.handle(message);
          metrics.record(message.type, result);
          if (result.kind === 'rejected') return { kind: 'dead-letter', code: result.code, reason: result.reason };
          if (message.type !== 'WakeSaga' || result.kind === 'applied') {
            log.info(result.kind === 'applied' ? { outcome: 'applied', status: result.status } : { outcome: 'ignored', reason: result.reason }, 'message handled');
          }
          return { kind: 'ack' };
        },
      }),
    );
  }
  return [commands, ...partitions];
}

/**
 * The one-writer-per-saga rule holds only if each saga's messages all arrive on one partition. A
 * message on another (a service with a different SAGA_PARTITIONS, a StartSaga published straight
 * to a partition) is refused rather than applied by a second writer.
 */
export function wrongPartition(message: WireMessage, partition: number, partitions: number): string | undefined {
  const sagaId = isFrameworkMessage(message, 'StartSaga') ? (message.payload.sagaId ?? message.correlationId) : message.correlationId;
  if (!sagaId) return `${message.type} on a partition queue needs its saga id (StartSaga goes to the orchestrator's commands queue)`;
  const expected = partitionOf(sagaId, partitions);
  return expected === partition ? undefined : `saga ${sagaId} belongs to partition ${expected} of ${partitions}, not ${partition}; is SAGA_PARTITIONS the same on every service?`;
}
