import { allQueues, type Topology } from '@saga/contracts';
import type { Route } from './channels.ts';
import type { JsonObject } from './json.ts';
import { partitionsSection } from './partitions.ts';

export interface IntroductionFacts {
  topology: Topology;
  startSaga: Route;
  startSagaExample: JsonObject;
  maxMessageBytes: number;
  sagaSections: readonly string[];
}

const AMQP_PROPERTIES = [
  '| AMQP property | Value |',
  '| --- | --- |',
  '| `delivery_mode` | 2 (persistent); every queue is a durable quorum queue |',
  '| `content_type` | `application/json` (UTF-8) |',
  '| `message_id` | the envelope `messageId` |',
  '| `correlation_id` | the envelope `correlationId` (the saga id), when there is one |',
  '| `type` | the envelope `type` |',
  '| `timestamp` | the envelope `occurredAt`, in seconds |',
  '| header `x-schema-version` | the envelope `schemaVersion` |',
].join('\n');

function topologyTable(topology: Topology): string {
  const queues = allQueues(topology);
  return [
    '| Exchange (type) | Routing key | Queue | Consumer |',
    '| --- | --- | --- | --- |',
    ...topology.bindings.map((b) => {
      const exchange = Object.values(topology.exchanges).find((e) => e.name === b.exchange);
      const queue = queues.find((q) => q.name === b.queue);
      return `| \`${b.exchange}\` (${exchange?.type ?? '?'}) | ${b.routingKey ? `\`${b.routingKey}\`` : '(any)'} | \`${b.queue}\` | ${queue?.consumer ?? '?'} |`;
    }),
  ].join('\n');
}

/**
 * The front page: how a client starts a saga, the envelope rules every message follows, the AMQP
 * properties, the topology and each saga's flow. Written for someone who has only this document.
 */
export function introduction(facts: IntroductionFacts): string {
  const { topology, startSaga } = facts;
  return [
    'Every message of the saga orchestrator on RabbitMQ (AMQP 0-9-1), generated from the zod contracts of `@saga/contracts`.',
    '',
    '## Start a saga',
    '',
    `Publish a **StartSaga** message to exchange \`${startSaga.exchange.spec.name}\` with routing key \`${startSaga.routingKey}\`;`,
    `it lands on queue \`${startSaga.queue.spec.name}\`, which the orchestrator consumes. (Publishing straight to that queue through the`,
    `default exchange, routing key \`${startSaga.queue.spec.name}\`, reaches the same queue.) The body is the JSON envelope below;`,
    '`payload.input` must match the input schema of the saga named by `payload.sagaType` (see *Sagas*).',
    'Starting is idempotent: send a `sagaId` or an `idempotencyKey`, and a retry starts no second saga.',
    "The orchestrator forwards it to the saga's partition (see *Partitions*), where the saga is created.",
    'An invalid StartSaga is dead-lettered with the reason in its headers; nothing is sent back.',
    '',
    '```json',
    JSON.stringify(facts.startSagaExample, null, 2),
    '```',
    '',
    '## The envelope',
    '',
    'Every body is one UTF-8 JSON object of at most ' +
      `${facts.maxMessageBytes} bytes (the consumers' default \`MAX_MESSAGE_BYTES\`): the header fields`,
    '`messageId`, `type`, `schemaVersion`, `correlationId`, `causationId`, `step`, `occurredAt`, and the message itself in `payload`.',
    'Each message below documents its whole body as its payload schema (`<Type>Envelope` in `components.schemas`).',
    'A consumer reads `type` and `schemaVersion` first and dead-letters a type it does not handle or a version it does not accept.',
    '',
    '- `messageId` is unique per message; a re-send keeps it, and receivers de-duplicate by it.',
    '- `correlationId` is the saga id. Every message carries it except StartSaga, where it is optional.',
    "- A reply copies `correlationId` and `step` from its command and sets `causationId` to the command's `messageId`.",
    '- Unknown fields are ignored (stripped), so adding an optional field is not a breaking change.',
    '',
    '## AMQP properties',
    '',
    'Consumers decode the body only; the publisher mirrors these envelope fields into AMQP properties for tools such as the management UI.',
    '',
    AMQP_PROPERTIES,
    '',
    '## Topology',
    '',
    `Names carry the namespace \`${topology.namespace}.\` (the services' \`SAGA_NAMESPACE\`; this document uses the default).`,
    'Every queue is a durable quorum queue. The work queues dead-letter what they reject to the dead-letter exchange, and so does the broker',
    'with a message returned to its queue more than `x-delivery-limit` times (see each queue\'s arguments).',
    '',
    topologyTable(topology),
    '',
    partitionsSection(topology),
    '',
    '## Sagas',
    '',
    ...facts.sagaSections.flatMap((section) => [section, '']),
  ].join('\n');
}
