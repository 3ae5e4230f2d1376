// Needs running: RabbitMQ at AMQP_URL (default amqp://guest:guest@127.0.0.1:5672) and FerretDB (or MongoDB) at MONGO_URL.
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology, type Envelope, type FailureReason, type PayloadOf } from '@saga/contracts';
import { billing, type Billing } from '../../test/billing-system.ts';
import type { Consumer } from '../amqp/consume.ts';
import { busTopologyOf } from '../bus/bus-topology.ts';
import { connectRabbitBus, type RabbitBus } from '../bus/rabbitmq/rabbit-bus.ts';
import { databaseName } from '../config.ts';
import { createEnvelope } from '../envelope-factory.ts';
import { createLogger } from '../logger.ts';
import type { DocumentCollection } from '../documents/document-collection.ts';
import { connectMongo, documentDatabaseOf } from '../mongo.ts';
import { AMQP_URL, deleteTopology, drainQueue, dropDatabases, eventually, MONGO_URL, testNamespace } from '../testing/index.ts';
import { defineParticipant } from './define-participant.ts';
import { Ledger, type LedgerDocument } from './ledger.ts';
import { runParticipant, type ExpiredCommand } from './run-participant.ts';

const ns = testNamespace('runparticipant');
const topo = topology(billing, ns);
const logger = createLogger({ name: 'run-participant-spec', level: 'silent' });
const CUSTOMER = 'customer-42';
const BROKEN = 'customer-corrupt';
const expired: ExpiredCommand[] = [];
let mongo: MongoClient;
let accounts: DocumentCollection<LedgerDocument>;
let broker: RabbitBus;
let consumer: Consumer;
let connection: amqplib.ChannelModel;
let channel: amqplib.ConfirmChannel;
const replies: Envelope[] = [];
const deadLetters: amqplib.GetMessage[] = [];

/** A billing participant reduced to the runtime's concerns: one account, charged through the ledger. */
function tinyBillingParticipant() {
  const ledger = new Ledger(accounts);
  return defineParticipant(billing, {
    name: 'billing',
    handles: {
      Charge: async ({ key, payload }) => {
        await accounts.updateOne({ _id: payload.customerId }, { $setOnInsert: { chargedCents: 0, markers: {} } }, { upsert: true });
        const outcome = await ledger.act<PayloadOf<Billing, 'Charged'>, FailureReason>(payload.customerId, key, {
          effect: { $inc: { chargedCents: payload.amount.cents } },
          result: { chargeId: `charge-${key}`, amount: payload.amount },
          refusal: () => ({ code: 'LIMIT_EXCEEDED', reason: 'never in this test', retryable: false }),
        });
        return outcome.kind === 'done'
          ? { type: 'Charged', payload: outcome.result }
          : { type: 'ChargeDeclined', payload: { code: 'ALREADY_COMPENSATED', reason: 'refunded first', retryable: false } };
      },
      Refund: async ({ payload }) => {
        // A corrupt account: what a handler meets when someone else wrote the document.
        if (payload.customerId === BROKEN) return (undefined as unknown as { refund(): never }).refund();
        return { type: 'Refunded', payload: { outcome: 'nothing-to-compensate' as const } };
      },
    },
    serializeOn: ({ payload }) => `customer:${payload.customerId}`,
  });
}

beforeAll(async () => {
  mongo = await connectMongo(MONGO_URL, 'run-participant-spec');
  accounts = documentDatabaseOf(mongo.db(databaseName(ns, 'billing'))).collection<LedgerDocument>('accounts');
  // connectRabbitBus asserts the whole topology, so the queues exist before anything is published.
  broker = await connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(topo), logger, name: 'run-participant-spec' });
  consumer = await runParticipant(tinyBillingParticipant(), {
    bus: broker,
    topology: topo,
    logger,
    prefetch: 4,
    maxBytes: 64 * 1024,
    expired: { record: async (command) => void expired.push(command) },
  });
  connection = await amqplib.connect(AMQP_URL);
  channel = await connection.createConfirmChannel();
  // Replies are routed to the partition of their saga: listen on all of them.
  for (const partition of topo.queues.orchestratorPartitions) {
    await channel.consume(partition.name, (message) => {
      if (!message) return;
      replies.push(JSON.parse(message.content.toString('utf8')) as Envelope);
      channel.ack(message);
    });
  }
});

afterAll(async () => {
  await consumer?.close();
  await broker?.close();
  await connection?.close();
  await mongo?.close();
  await deleteTopology(topo);
  await dropDatabases(ns);
});

function charge(sagaId: string, payload: unknown = { customerId: CUSTOMER, amount: { cents: 1_500, currency: 'EUR' } }) {
  return createEnvelope({ messageId: randomUUID(), type: 'Charge', schemaVersion: 1, correlationId: sagaId, step: 'charge', payload });
}

async function sendToBilling(body: Buffer | Envelope, properties: amqplib.Options.Publish = {}): Promise<void> {
  const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  channel.publish(topo.exchanges.commands.name, topo.commandRoutingKey('billing'), content, { persistent: true, contentType: 'application/json', ...properties });
  await channel.waitForConfirms();
}

const repliesTo = (command: Envelope) => replies.filter((reply) => reply.causationId === command.messageId);

/** Drains the dead-letter queue into `deadLetters` (draining consumes, so keep what was seen). */
async function deadLetterWith(code: string): Promise<amqplib.GetMessage> {
  deadLetters.push(...(await drainQueue(topo.queues.deadLetter.name)));
  const found = deadLetters.find((message) => message.properties.headers?.['x-error-code'] === code);
  if (!found) throw new Error(`no dead letter with x-error-code ${code} yet`);
  return found;
}

async function charged(): Promise<number> {
  return Number((await accounts.findOne({ _id: CUSTOMER }))?.['chargedCents']);
}

describe('runParticipant over RabbitMQ', () => {
  it('replies Charged to the orchestrator, caused by the command and on the same step', async () => {
    const command = charge('saga-a');

    await sendToBilling(command);

    const [reply] = await eventually(() => {
      const found = repliesTo(command);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(reply).toMatchObject({
      type: 'Charged',
      correlationId: 'saga-a',
      causationId: command.messageId,
      step: 'charge',
      payload: { chargeId: 'charge-saga-a:charge', amount: { cents: 1_500, currency: 'EUR' } },
    });
    expect(await charged()).toBe(1_500);
  });

  it('answers a redelivered command with a reply of the same messageId and charges once', async () => {
    const command = charge('saga-b');
    await sendToBilling(command);
    await eventually(() => expect(repliesTo(command)).toHaveLength(1));

    await sendToBilling(command);

    const [first, second] = await eventually(() => {
      const found = repliesTo(command);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(second?.messageId).toBe(first?.messageId);
    expect(second?.payload).toEqual(first?.payload);
    expect(await charged()).toBe(3_000);
  });

  it('dead-letters a body that is not JSON with ERR_MALFORMED_JSON and a reason', async () => {
    // A sender's expiration must not travel with the dead letter, or it would silently expire there.
    await sendToBilling(Buffer.from('{"type": "Charge", oops'), { expiration: '600000', messageId: 'malformed-1' });

    const deadLetter = await eventually(() => deadLetterWith('ERR_MALFORMED_JSON'));

    expect(deadLetter.properties.headers).toMatchObject({
      'x-death-reason': expect.any(String),
      'x-original-queue': topo.queues.participants['billing']!.name,
    });
    expect(deadLetter.properties.expiration).toBeUndefined();
    expect(deadLetter.properties.messageId).toBe('malformed-1');
  });

  it('dead-letters a Charge whose payload breaks the schema with ERR_INVALID_PAYLOAD', async () => {
    await sendToBilling(charge('saga-c', { customerId: CUSTOMER }));

    const deadLetter = await eventually(() => deadLetterWith('ERR_INVALID_PAYLOAD'));

    expect(deadLetter.properties.headers?.['x-death-reason']).toContain('amount');
    expect(await charged()).toBe(3_000);
  });

  it('refuses a command that arrives after its expiresAt with CommandExpired, runs nothing, and records it', async () => {
    const before = await charged();
    const command = { ...charge('saga-late'), expiresAt: new Date(Date.now() - 1_000).toISOString() };

    await sendToBilling(command);

    const [reply] = await eventually(() => {
      const found = repliesTo(command);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(reply).toMatchObject({ type: 'CommandExpired', correlationId: 'saga-late', step: 'charge', payload: { command: 'Charge', expiresAt: command.expiresAt } });
    expect(await charged()).toBe(before);
    expect(expired).toEqual([expect.objectContaining({ commandId: command.messageId, sagaId: 'saga-late', type: 'Charge' })]);
  });

  it('answers a handler that fails with a TypeError at once, with its real code and message, instead of retrying it', async () => {
    const command = createEnvelope({ messageId: randomUUID(), type: 'Refund', schemaVersion: 1, correlationId: 'saga-corrupt', step: 'charge', payload: { customerId: BROKEN } });

    await sendToBilling(command);

    const [reply] = await eventually(() => {
      const found = repliesTo(command);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(reply).toMatchObject({ type: 'RefundFailed', payload: { code: 'ERR_HANDLER_FAILED', retryable: false, kind: 'error' } });
    expect((reply!.payload as FailureReason).reason).toMatch(/^billing failed on Refund: TypeError: /);
  });

  it('keeps handling commands after dead-lettering', async () => {
    const command = charge('saga-d');

    await sendToBilling(command);

    await eventually(() => expect(repliesTo(command)).toMatchObject([{ type: 'Charged' }]));
    expect(await charged()).toBe(4_500);
  });
});
