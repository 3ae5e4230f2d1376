// Needs running: RabbitMQ at AMQP_URL (an administrator, guest by default) and rabbitmqctl on this machine.
import { join } from 'node:path';
import amqplib from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology } from '@saga/contracts';
import { shop } from '../../../contracts/test/shop-system.ts';
import { createEnvelope } from '../envelope-factory.ts';
import { createLogger } from '../logger.ts';
import { AMQP_URL, createServiceUsers, deleteTopology, drainQueue, eventually, testNamespace, type ServiceUsers } from '../testing/index.ts';
import { busTopologyOf } from '../bus/bus-topology.ts';
import { connectRabbitBus, type RabbitBus } from '../bus/rabbitmq/rabbit-bus.ts';
import { consume, type Consumer } from './consume.ts';
import { publishEnvelope } from './publish.ts';
import { conventionalSenders } from './sender-check.ts';

const ns = testNamespace('leastpriv');
const names = topology(shop, ns);
/** The module scripts/rabbitmq-users.sh loads to know the shop's services. */
const SHOP_MODULE = join(import.meta.dirname, '../../../contracts/test/shop-system.ts');
const billingQueue = names.queues.participants['billing']!;
const stockQueue = names.queues.participants['stock']!;
const logger = createLogger({ name: 'least-privilege-spec', level: 'silent' });
let users: ServiceUsers;
let orchestrator: RabbitBus;
let billing: RabbitBus;
let consumer: Consumer;
const handled: string[] = [];

beforeAll(async () => {
  users = createServiceUsers(ns, AMQP_URL, SHOP_MODULE);
  // The orchestrator's user is the one that may declare: it builds the whole topology.
  orchestrator = await connectRabbitBus({ url: users.url('orchestrator'), topology: busTopologyOf(names), logger, name: `lp-orchestrator-${ns}` });
  billing = await connectRabbitBus({ url: users.url('billing'), topology: busTopologyOf(names), topologyMode: 'verify', logger, name: `lp-billing-${ns}` });
  consumer = await consume(billing, {
    queue: billingQueue.name,
    deadLetterExchange: names.exchanges.deadLetter.name,
    prefetch: 4,
    maxBytes: 64 * 1024,
    accept: new Set(['Charge']),
    message: shop.message,
    logger,
    senders: conventionalSenders(ns, shop.services),
    handle: async (message) => {
      handled.push(message.messageId);
      return { kind: 'ack' };
    },
  });
});

afterAll(async () => {
  await consumer?.close();
  await billing?.close();
  await orchestrator?.close();
  await deleteTopology(names);
  users?.remove();
});

/** Runs `act` on a fresh confirm channel as `url`'s user and returns how the broker closed the channel. */
async function refusal(url: string, act: (channel: amqplib.ConfirmChannel) => Promise<unknown>): Promise<string> {
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const closed = new Promise<string>((resolve) => channel.on('error', (error: Error) => resolve(error.message)));
    await act(channel).catch(() => undefined);
    return await closed;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function charge() {
  return createEnvelope({ type: 'Charge', schemaVersion: 1, correlationId: 'saga-lp', step: 'charge', payload: shop.messages.Charge.example });
}

const toBilling = () => ({ exchange: names.exchanges.commands.name, routingKey: names.commandRoutingKey('billing') });

describe('least-privilege broker users', () => {
  it('lets a participant start in verify mode without declaring anything', () => {
    expect(billing.topologyMode).toBe('verify');
    expect(billing.username).toBe(`${ns}-billing`);
  });

  it('refuses a participant that tries to declare a queue', async () => {
    const message = await refusal(users.url('billing'), (ch) => ch.assertQueue(billingQueue.name, { durable: true, arguments: billingQueue.arguments }));
    expect(message).toContain('ACCESS_REFUSED');
  });

  it('refuses a participant that publishes to the commands exchange', async () => {
    const message = await refusal(users.url('billing'), async (ch) => {
      ch.publish(names.exchanges.commands.name, 'stock', Buffer.from('{}'));
      await ch.waitForConfirms();
    });
    expect(message).toContain('ACCESS_REFUSED');
  });

  it("refuses a participant that consumes another participant's queue", async () => {
    const message = await refusal(users.url('billing'), (ch) => ch.consume(stockQueue.name, () => undefined));
    expect(message).toContain('ACCESS_REFUSED');
  });

  it('refuses a publish whose user-id is not the publishing user', async () => {
    const message = await refusal(users.url('billing'), async (ch) => {
      ch.publish(names.exchanges.replies.name, names.replyRoutingKey('saga-1'), Buffer.from('{}'), { userId: users.username('stock') });
      await ch.waitForConfirms();
    });
    expect(message).toContain('PRECONDITION_FAILED');
  });

  it('handles a command the orchestrator user sent', async () => {
    const envelope = charge();
    await publishEnvelope(orchestrator, toBilling(), envelope);
    await eventually(() => expect(handled).toContain(envelope.messageId));
  });

  it('dead-letters a command from another user, or with no user-id, with ERR_WRONG_SENDER', async () => {
    const forged = charge();
    const anonymous = charge();
    const connection = await amqplib.connect(AMQP_URL);
    try {
      const channel = await connection.createConfirmChannel();
      const send = (envelope: ReturnType<typeof charge>, userId?: string) =>
        channel.publish(toBilling().exchange, toBilling().routingKey, Buffer.from(JSON.stringify(envelope)), { persistent: true, messageId: envelope.messageId, ...(userId ? { userId } : {}) });
      send(forged, 'guest');
      send(anonymous);
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    // The billing user publishes these dead letters itself: its write permission covers them.
    const deadLetters = await eventually(async () => {
      const found = (await drainQueue(names.queues.deadLetter.name)).filter((m) => [forged.messageId, anonymous.messageId].includes(String(m.properties.messageId)));
      expect(found).toHaveLength(2);
      return found;
    });
    for (const dead of deadLetters) {
      expect(dead.properties.headers?.['x-error-code']).toBe('ERR_WRONG_SENDER');
      expect(String(dead.properties.headers?.['x-death-reason'])).toContain('must be sent by orchestrator');
      expect(dead.properties.userId).toBe(users.username('billing'));
    }
    expect(handled).not.toContain(forged.messageId);
    expect(handled).not.toContain(anonymous.messageId);
  });
});

describe('a participant in verify mode', () => {
  it('does not start when its queues are missing, and says which', async () => {
    const missing = topology(shop, testNamespace('missing'));
    const lines: string[] = [];
    const spy = createLogger({ name: 'verify-spec', level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    await expect(
      connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(missing), topologyMode: 'verify', logger: spy, name: `lp-missing-${missing.namespace}`, connectTimeoutMs: 3_000 }),
    ).rejects.toMatchObject({ code: 'ERR_BROKER_UNAVAILABLE' });
    expect(lines.join('')).toContain(`exchange ${missing.exchanges.commands.name} does not exist`);
  });
});
