// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts the system with `pnpm start`.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';
import { startSystem, type RunningSystem } from './system.ts';

/**
 * A client that knows nothing but the generated AsyncAPI document: it finds where to publish
 * StartSaga, builds the message from the documented example, checks it against the documented
 * schema, publishes it with plain amqplib, and gets a saga started.
 */
let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const doc: Json = parse(readFileSync(new URL('../order-fulfilment/asyncapi/asyncapi.generated.yaml', import.meta.url), 'utf8'));
/** Follows a local $ref, and the $ref it lands on, to the object itself. */
const resolve = (ref: string): Json => {
  const target = ref.replace(/^#\//, '').split('/').reduce((node: Json, key) => node[key], doc);
  return target.$ref ? resolve(target.$ref) : target;
};

describe('a client that reads only the AsyncAPI document', () => {
  it('finds where to publish StartSaga, builds a valid message and starts a saga', async () => {
    // The client's send, not the orchestrator's: it forwards StartSaga on to the saga's partition.
    const [, operation] = Object.entries<Json>(doc.operations).find(
      ([, op]) =>
        op.action === 'send' &&
        op.tags.some((t: Json) => resolve(t.$ref).name === 'client') &&
        op.messages.some((m: Json) => resolve(m.$ref).name === 'StartSaga'),
    )!;
    // Addresses start with `{namespace}`: the client fills in the server variable's default.
    const exchange: string = resolve(operation.channel.$ref).address.replace('{namespace}', doc.servers.rabbitmq.variables.namespace.default);
    const routingKey: string = operation.bindings.amqp.cc[0];
    const message = structuredClone(doc.components.messages.StartSaga.examples[0].payload);
    const idempotencyKey = `asyncapi-${randomUUID()}`;
    message.messageId = randomUUID();
    message.occurredAt = new Date().toISOString();
    message.payload.idempotencyKey = idempotencyKey;

    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'asyncapi', components: doc.components });
    const valid = ajv.validate({ $ref: 'asyncapi#/components/schemas/StartSagaEnvelope' }, message);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    // Every name in the document carries the default namespace `saga`; this run uses its own.
    expect(exchange).toBe('saga.commands');
    await system.publish('commands', routingKey, message);
    const saga = await eventually(async () => {
      const found = await system.db('orchestrator').collection('sagas').findOne({ idempotencyKey });
      expect(found?.['status']).toBe('completed');
      return found!;
    });
    expect(saga['sagaType']).toBe(message.payload.sagaType);
  });
});
