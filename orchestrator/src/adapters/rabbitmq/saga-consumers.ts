import { messageList } from '@saga/contracts';
import { consume, type Broker, type Consumer, type Disposition, type Logger, type SenderMap } from '@saga/runtime';
import type { HandleResult, SagaEngine } from '../../application/saga-engine.ts';
import type { OrchestratorMetrics } from '../http/metrics.ts';

export interface SagaConsumerOptions {
  broker: Broker;
  engine: SagaEngine;
  logger: Logger;
  prefetch: number;
  maxBytes: number;
  metrics: OrchestratorMetrics;
  /** Refuse replies not published by the broker user of the participant that sends them. @default no check */
  senders?: SenderMap;
}

/**
 * The orchestrator's two inputs: StartSaga on its command queue, replies on its response queue.
 * A message is acked only after the engine has committed its effect (and tried to publish the
 * resulting commands); a rejected one is dead-lettered with its code and reason.
 */
export async function startSagaConsumers(options: SagaConsumerOptions): Promise<Consumer[]> {
  const { broker, engine } = options;
  const replyTypes = new Set(messageList.filter((m) => m.to === 'orchestrator' && m.kind === 'reply').map((m) => m.type));
  const common = { prefetch: options.prefetch, maxBytes: options.maxBytes, logger: options.logger, senders: options.senders };
  const handle = async (message: Parameters<SagaEngine['handle']>[0], log: Logger): Promise<Disposition> => {
    const result: HandleResult = await engine.handle(message);
    options.metrics.record(message.type, result);
    if (result.kind === 'rejected') return { kind: 'dead-letter', code: result.code, reason: result.reason };
    log.info(result.kind === 'applied' ? { outcome: 'applied', status: result.status } : { outcome: 'ignored', reason: result.reason }, 'message handled');
    return { kind: 'ack' };
  };
  const commands = await consume(broker, {
    ...common,
    queue: broker.topology.queues.orchestratorCommands.name,
    accept: new Set(['StartSaga']),
    handle: (message, _raw, log) => handle(message, log),
  });
  const replies = await consume(broker, {
    ...common,
    queue: broker.topology.queues.orchestratorReplies.name,
    accept: replyTypes,
    handle: (message, _raw, log) => handle(message, log),
  });
  return [commands, replies];
}
