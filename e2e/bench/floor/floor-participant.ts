/**
 * A floor participant process: `node floor-participant.ts <inventory|payment|shipping|notification>`.
 * Consumes its command queue; per command one handler call (one guarded single-document write on
 * the happy path), the reply published with a confirm, then the ack. Commands on one document run
 * one at a time. The business settings use the project's variable names and defaults.
 *
 * Environment: AMQP_URL, MONGO_URL, FLOOR_NAMESPACE, METRICS_PORT, PREFETCH (32),
 * INVENTORY_SEED_STOCK, PAYMENT_DEFAULT_LIMIT_CENTS, SHIPPING_COUNTRIES, NOTIFICATION_SUPPRESSED_DOMAINS.
 */
import type { Db } from 'mongodb';
import { connectFloorBroker } from './floor-broker.ts';
import type { FloorHandlers } from './floor-handlers.ts';
import { floorInventory } from './floor-inventory.ts';
import { FloorMetrics } from './floor-metrics.ts';
import { connectFloorMongo } from './floor-mongo.ts';
import { floorNotification } from './floor-notification.ts';
import { floorPayment } from './floor-payment.ts';
import { floorShipping } from './floor-shipping.ts';
import { declareFloorTopology, floorTopology } from './floor-topology.ts';
import { keyedQueue } from './keyed-queue.ts';

const env = process.env;
const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');
const participants: Record<string, (db: Db) => Promise<FloorHandlers>> = {
  inventory: (db) => floorInventory(db, JSON.parse(env['INVENTORY_SEED_STOCK'] ?? '{"SKU-BOOK":100,"SKU-PEN":500,"SKU-LAMP":5}') as Record<string, number>),
  payment: (db) => floorPayment(db, Number(env['PAYMENT_DEFAULT_LIMIT_CENTS'] ?? 100_000)),
  shipping: (db) => floorShipping(db, new Set(list(env['SHIPPING_COUNTRIES'] ?? 'GB,IE,FR,DE,NL,BE,ES,IT,US,CA').map((c) => c.toUpperCase()))),
  notification: (db) => floorNotification(db, list(env['NOTIFICATION_SUPPRESSED_DOMAINS'] ?? 'blocked.example').map((d) => d.toLowerCase())),
};

const name = process.argv[2] ?? '';
const create = participants[name];
if (!create) {
  process.stderr.write(`usage: floor-participant.ts <${Object.keys(participants).join('|')}>\n`);
  process.exit(2);
}
const namespace = env['FLOOR_NAMESPACE'] ?? 'floor';
const names = floorTopology(namespace);
const metrics = new FloorMetrics();
const mongo = await connectFloorMongo(env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017', `floor-${name}`, metrics);
const participant = await create(mongo.db(`${namespace}_${name}`));
const broker = await connectFloorBroker(env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672', Number(env['PREFETCH'] ?? 32));
await declareFloorTopology(broker.channel, names, name);
const oneAtATime = keyedQueue();

await broker.channel.consume(names.participantQueue(name), (message) => {
  if (!message) return;
  const command = JSON.parse(message.content.toString()) as { type: string; correlationId: string; payload: Record<string, unknown> };
  const handle = participant.handles[command.type];
  oneAtATime(participant.keyOf(command.correlationId, command.payload), async () => {
    if (!handle) throw new Error(`${name} cannot handle ${command.type}`);
    const reply = await handle(command.correlationId, command.payload);
    await broker.publish(names.replies, 'orchestrator', { type: reply.type, correlationId: command.correlationId, payload: reply.payload });
  }).then(
    () => broker.channel.ack(message),
    (error: unknown) => {
      process.stderr.write(`floor ${name}: ${String(error)}\n`);
      // An unknown type never gets better: drop it; anything else (the database) is tried again.
      broker.channel.nack(message, false, handle !== undefined);
    },
  );
});
const server = await metrics.serve(Number(env['METRICS_PORT'] ?? 0));
process.stdout.write(`floor ${name} ready\n`);
process.once('SIGTERM', () => {
  server.close();
  void broker.close().then(() => mongo.close()).then(() => process.exit(0));
});
