// Needs running: RabbitMQ at AMQP_URL, and rabbitmqctl on this machine (to drop a connection from the server side).
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { messageBusContract } from '../../../test/message-bus.contract.ts';
import { createLogger } from '../../logger.ts';
import { AMQP_URL } from '../../testing/index.ts';
import type { MessageBus } from '../message-bus.ts';
import { closeConnectionFromServer } from '../../testing/rabbitmq-admin.ts';
import { connectRabbitBus } from './rabbit-bus.ts';

const logger = createLogger({ name: 'rabbit-bus-contract', level: 'silent' });
const names = new WeakMap<MessageBus, string>();

messageBusContract('RabbitMQ', () => ({
  async connect(topology, options = {}) {
    const name = `bus-contract-${randomUUID()}`;
    const bus = await connectRabbitBus({ url: AMQP_URL, topology, logger, name, connectTimeoutMs: 3_000, ...options });
    names.set(bus, name);
    return bus;
  },
  interrupt: async (bus) => closeConnectionFromServer(names.get(bus)!),
  async remove(topology) {
    const connection = await amqplib.connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      for (const queue of topology.queues) await channel.deleteQueue(queue.name);
      for (const exchange of topology.exchanges) await channel.deleteExchange(exchange.name);
    } finally {
      await connection.close();
    }
  },
}));
