import { partitionOf, type QueueSpec, type Topology } from '@saga/contracts';
import { EXAMPLE_SAGA_ID } from './examples.ts';
import type { JsonObject } from './json.ts';

/** The address parameter of the orchestrator's partition channel: `saga.orchestrator.p{partition}`. */
export const PARTITION_PARAMETER = 'partition';

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** The saga id of the examples, hashed: a test vector for anyone implementing the partition function. */
function exampleVector(topology: Topology): string {
  // Modulo 2^32 leaves the 32-bit hash as it is: the contracts' own function gives the raw hash.
  const hash = partitionOf(EXAMPLE_SAGA_ID, 2 ** 32);
  const k = partitionOf(EXAMPLE_SAGA_ID, topology.partitionCount);
  return `the examples' saga id \`${EXAMPLE_SAGA_ID}\` hashes to \`${hex(hash)}\`, partition ${k}, routing key \`${topology.partitionRoutingKey(k)}\``;
}

/** The `{partition}` parameter of the channel whose address is `queueTemplate`: its values and how a sender computes it. */
export function partitionParameter(topology: Topology, queueTemplate: string, routingKeyTemplate: string): JsonObject {
  const n = topology.partitionCount;
  return {
    description: [
      `The saga's partition, 0 to ${n - 1}: the FNV-1a 32-bit hash of the message's \`correlationId\` (the saga id), modulo the partition count ${n}`,
      `(the default; every service of a namespace must use the same). Queue \`${queueTemplate}\` is bound to exchange \`${topology.exchanges.replies.name}\``,
      `with routing key \`${routingKeyTemplate}\`. For instance, ${exampleVector(topology)}.`,
    ].join('\n'),
    enum: Array.from({ length: n }, (_, k) => String(k)),
    examples: [String(partitionOf(EXAMPLE_SAGA_ID, n))],
  };
}

/** What the queue arguments beyond type and dead-letter exchange mean for a consumer: one markdown paragraph each. */
export function queueArgumentNotes(args: QueueSpec['arguments']): string[] {
  const notes: string[] = [];
  if (args['x-single-active-consumer'] === true) {
    notes.push(
      [
        '**Single active consumer** (`x-single-active-consumer`): every instance of the consumer subscribes, but the broker delivers to one of them at a time',
        'and hands the queue to a standby when that one goes away. So the messages of one saga are applied by one instance, one at a time, in order.',
      ].join('\n'),
    );
  }
  const limit = args['x-delivery-limit'];
  if (typeof limit === 'number') {
    notes.push(
      [
        `**Delivery limit** (\`x-delivery-limit\`: ${limit}): a message returned to the queue more than ${limit} times (its handler failed transiently and it was`,
        'requeued, or its consumer died before acking) is dead-lettered by the broker, with `x-first-death-reason: delivery_limit`, instead of looping forever.',
      ].join('\n'),
    );
  }
  return notes;
}

/** The front-page section on partitions: why, how to compute one, and who sends what there. */
export function partitionsSection(topology: Topology): string {
  const n = topology.partitionCount;
  const partitions = topology.queues.orchestratorPartitions;
  return [
    '## Partitions',
    '',
    `The orchestrator's input is split into ${n} partition queues, \`${partitions[0]?.name}\` … \`${partitions.at(-1)?.name}\`, each bound to exchange`,
    `\`${topology.exchanges.replies.name}\` with routing key \`${topology.partitionRoutingKey(0)}\` … \`${topology.partitionRoutingKey(n - 1)}\`. Every message of one saga — replies, the forwarded StartSaga,`,
    "wake-ups and operator commands — goes to that saga's partition, and each partition queue has a single active consumer, so one",
    'orchestrator instance at a time applies the changes to a saga. Several instances can run; each partition is worked by one of them.',
    '',
    "A message's partition is the FNV-1a 32-bit hash of its `correlationId` (the saga id; ASCII only), modulo the partition count:",
    '',
    '```',
    'hash = 0x811c9dc5',
    'for each byte b of correlationId: hash = ((hash XOR b) * 0x01000193) mod 2^32',
    `partition = hash mod ${n}            routing key = "p" + partition`,
    '```',
    '',
    `For instance, ${exampleVector(topology)}. The default partition count is ${n}; every service of a namespace must use the same one.`,
    '',
    "A StartSaga may come without a saga id, so it cannot be routed by one: it arrives on the shared commands queue, where any instance",
    "takes it, resolves the saga id, and forwards it unchanged but for `correlationId` (now the saga id) to the saga's partition.",
    "The orchestrator sends its internal WakeSaga (a timer or the outbox is due) and OperatorCommand the same way.",
  ].join('\n');
}
