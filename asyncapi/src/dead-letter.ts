import { z } from 'zod';
import { partitionOf, type Topology } from '@saga/contracts';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import { ref, type JsonObject } from './json.ts';
import { AMQP_BINDING_VERSION } from './channels.ts';
import { EXAMPLE_SAGA_ID, EXAMPLE_TIME, exampleId } from './examples.ts';

/**
 * The headers of a dead letter. The shared runtime adds the `x-error-code` group when it
 * dead-letters a message (runtime/src/amqp/consume.ts); the broker adds the `x-first-death-*` group
 * (and `x-death`) when a work queue dead-letters a message on its own, past `x-delivery-limit`.
 * A dead letter carries one group or the other, so neither is required. Not a contract message: the
 * body is the original one, byte for byte, which may be the very thing that could not be decoded.
 */
export const DeadLetterHeaders = z.looseObject({
  'x-error-code': z.string().optional().describe('Runtime: why, a decode code such as ERR_INVALID_PAYLOAD or ERR_UNSUPPORTED_SCHEMA_VERSION, or the handler error code.'),
  'x-death-reason': z.string().max(500).optional().describe('Runtime: human-readable reason; names fields and rules, never values.'),
  'x-original-queue': z.string().optional().describe('Runtime: the queue the message was consumed from.'),
  'x-dead-lettered-at': z.iso.datetime().optional().describe('Runtime: when it was dead-lettered (ISO 8601).'),
  'x-first-death-reason': z
    .string()
    .optional()
    .describe('Broker: why it dead-lettered the message; `delivery_limit` when it was returned to its queue more than x-delivery-limit times.'),
  'x-first-death-queue': z.string().optional().describe('Broker: the queue the message was dead-lettered from.'),
});

/**
 * The dead letter as a message of the document. Its examples are concrete, so they name the queues
 * of the default namespace (`concrete`); the wake-up's is the partition of its saga id. The invalid
 * StartSaga names its saga in capitals, which the sagaType pattern refuses.
 */
export function deadLetterMessage(concrete: Topology, sagas: readonly AnySagaDefinition[]): JsonObject {
  const invalidSagaType = (sagas[0]?.name ?? 'my-saga').toUpperCase();
  const headers = z.toJSONSchema(DeadLetterHeaders, { target: 'draft-07', io: 'input' }) as JsonObject;
  delete headers.$schema;
  return {
    name: 'DeadLetter',
    title: 'DeadLetter',
    summary: 'A message that could not be processed, as it was received, with the reason in its headers.',
    description: [
      'Published by a consuming service (orchestrator or participant) to the dead-letter exchange *before* it acks the',
      'original, so a crash in between duplicates a dead letter rather than losing the message. The body and AMQP',
      'properties are the original ones; the headers below are added to the original headers (such as x-schema-version).',
      'The broker dead-letters too: a work queue hands over a message returned to it more than `x-delivery-limit` times (a handler that keeps',
      'failing transiently, or a consumer that keeps crashing on it), with its own `x-first-death-*` and `x-death` headers instead of the runtime\'s.',
      'Nothing consumes it automatically: an operator inspects it and republishes or discards it.',
    ].join('\n'),
    tags: [ref('#/components/tags/dead-letter')],
    headers,
    payload: { description: 'The original body, unchanged. Usually one of the envelopes of this document; possibly not JSON at all.' },
    bindings: { amqp: { bindingVersion: AMQP_BINDING_VERSION } },
    examples: [
      {
        name: 'InvalidStartSaga',
        summary: 'A StartSaga whose payload did not validate.',
        headers: {
          'x-schema-version': 1,
          'x-error-code': 'ERR_INVALID_PAYLOAD',
          'x-death-reason': 'payload.sagaType: Invalid string: must match pattern /^[a-z][a-z0-9-]{0,62}$/',
          'x-original-queue': concrete.queues.orchestratorCommands.name,
          'x-dead-lettered-at': '2026-01-15T09:30:01.000Z',
        },
        payload: { messageId: exampleId('invalid StartSaga'), type: 'StartSaga', schemaVersion: 1, occurredAt: EXAMPLE_TIME, payload: { sagaType: invalidSagaType, input: {} } },
      },
      {
        name: 'DeliveryLimitReached',
        summary: 'A wake-up the broker dead-lettered: it crashed its consumer each time, and came back to its partition queue more than x-delivery-limit times.',
        headers: {
          'x-schema-version': 1,
          'x-first-death-reason': 'delivery_limit',
          'x-first-death-queue': concrete.queues.orchestratorPartitions[partitionOf(EXAMPLE_SAGA_ID, concrete.partitionCount)]!.name,
        },
        payload: {
          messageId: exampleId('undeliverable WakeSaga'),
          type: 'WakeSaga',
          schemaVersion: 1,
          correlationId: EXAMPLE_SAGA_ID,
          occurredAt: EXAMPLE_TIME,
          payload: { reason: 'timer' },
        },
      },
    ],
  };
}
