// Needs RabbitMQ at AMQP_URL (and rabbitmqctl, to create users) and MongoDB/FerretDB at MONGO_URL.
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderSystem } from '@order-fulfilment/contracts';
import { AMQP_URL, createServiceUsers, eventually, testNamespace, type ServiceUsers } from '@saga/runtime/testing';
import { startCluster, type Cluster } from './cluster.ts';
import { orderInput, startSagaMessage } from './support/orders.ts';

/**
 * The whole system with each service as its own least-privilege RabbitMQ user, participants in
 * verify mode (no configure permission) and the sender check on: a saga completes, and a reply
 * from anyone but the step's participant is dead-lettered, changing nothing.
 */
let cluster: Cluster;
let users: ServiceUsers;

beforeAll(async () => {
  const namespace = testNamespace('least-privilege');
  users = createServiceUsers(namespace, AMQP_URL);
  cluster = await startCluster({
    namespace,
    env: { AMQP_SENDER_CHECK: 'true', PAYMENT_DEFAULT_LIMIT_CENTS: '100000' },
    services: {
      'orchestrator-1': { AMQP_URL: users.url('orchestrator') },
      ...Object.fromEntries(orderSystem.participants.map((p) => [p, { AMQP_URL: users.url(p), AMQP_TOPOLOGY: 'verify' }])),
    },
  });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  users?.remove();
});

interface Saga {
  status: string;
  version: number;
  steps: Record<string, { action?: { commandIds: string[] } }>;
}

async function deadLetters(queue: string): Promise<Array<{ code: unknown; reason: unknown; type: unknown }>> {
  const found: Array<{ code: unknown; reason: unknown; type: unknown }> = [];
  for (;;) {
    const message = await cluster.channel.get(queue, { noAck: true });
    if (!message) return found;
    const headers = message.properties.headers ?? {};
    found.push({ code: headers['x-error-code'], reason: headers['x-death-reason'], type: message.properties.type });
  }
}

describe('least privilege, end to end', () => {
  it('completes a saga with every service as its own restricted user, checking every sender', async () => {
    const sagaId = `saga-${randomUUID()}`;
    await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, orderInput()));
    expect((await cluster.waitForTerminal(sagaId))['status']).toBe('completed');
  });

  it('dead-letters a reply that does not come from the step participant, and the saga does not move', async () => {
    const sagaId = `saga-${randomUUID()}`;
    const input = orderInput({ cents: 500_000 }); // declined: the saga stops after payment, compensated
    await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
    const saga = (await cluster.waitForTerminal(sagaId)) as unknown as Saga;
    const payment = { commandId: saga.steps['process-payment']!.action!.commandIds.at(-1) };
    const forged = (messageId: string) => ({
      messageId,
      type: 'PaymentProcessed',
      schemaVersion: 1,
      correlationId: sagaId,
      causationId: payment.commandId,
      step: 'process-payment',
      occurredAt: new Date().toISOString(),
      payload: { paymentId: 'forged', amount: input.amount },
    });
    const partition = cluster.topology.replyRoutingKey(sagaId);
    // As guest, no user-id: refused. As inventory's own user (user-id validated by RabbitMQ): refused too.
    await cluster.publish('replies', partition, forged(randomUUID()));
    const connection = await amqplib.connect(users.url('inventory'));
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(cluster.topology.exchanges.replies.name, partition, Buffer.from(JSON.stringify(forged(randomUUID()))), {
        persistent: true,
        type: 'PaymentProcessed',
        userId: users.username('inventory'),
      });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    const letters = await eventually(async () => {
      const found = await deadLetters(cluster.topology.queues.deadLetter.name);
      expect(found).toHaveLength(2);
      return found;
    });
    for (const letter of letters) {
      expect(letter.code).toBe('ERR_WRONG_SENDER');
      expect(String(letter.reason)).toContain('payment');
    }
    const after = (await cluster.getJson<Saga>(`/sagas/${sagaId}`)).body;
    expect(after).toMatchObject({ status: 'compensated', version: saga.version });
  });
});
