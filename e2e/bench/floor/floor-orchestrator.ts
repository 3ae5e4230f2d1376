/**
 * The floor's orchestrator process: the order-fulfilment flow on plain amqplib and the mongodb
 * driver, nothing of the project's. Per saga: one insertOne at the start, then one
 * `updateOne({ _id, version }, { $set })` per transition — five writes for a happy saga, and no
 * read while the process keeps the saga in memory (it reads it back only after a restart).
 * Each message: write, publish the next command with a confirm, then ack. A crash between write
 * and publish leaves the input unacked; on redelivery the saga is found already moved and the
 * command it waits for is sent again (participants are idempotent), so no outbox is needed.
 *
 * Environment: AMQP_URL, MONGO_URL, FLOOR_NAMESPACE, METRICS_PORT, PREFETCH (32), FLOOR_EVENTS (0).
 */
import type { ConsumeMessage } from 'amqplib';
import { connectFloorBroker } from './floor-broker.ts';
import { advance, awaitedCommand, type FloorOrder, type FloorSaga } from './floor-flow.ts';
import { FloorMetrics } from './floor-metrics.ts';
import { connectFloorMongo, ensureFloorCollection } from './floor-mongo.ts';
import { declareFloorTopology, floorTopology } from './floor-topology.ts';
import { keyedQueue } from './keyed-queue.ts';

const env = process.env;
const namespace = env['FLOOR_NAMESPACE'] ?? 'floor';
const names = floorTopology(namespace);
const publishEvents = env['FLOOR_EVENTS'] === '1';
const metrics = new FloorMetrics();
const mongo = await connectFloorMongo(env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017', 'floor-orchestrator', metrics);
const db = mongo.db(`${namespace}_orchestrator`);
await ensureFloorCollection(db, 'sagas');
const sagas = db.collection<FloorSaga>('sagas');
const broker = await connectFloorBroker(env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672', Number(env['PREFETCH'] ?? 32));
await declareFloorTopology(broker.channel, names, 'orchestrator');
const inFlight = new Map<string, FloorSaga>();
const oneAtATime = keyedQueue();

async function sendAwaited(saga: FloorSaga): Promise<void> {
  const command = awaitedCommand(saga);
  if (command) await broker.publish(names.commands, command.to, { type: command.type, correlationId: saga._id, payload: command.payload });
}

interface StartSaga {
  messageId: string;
  payload: { sagaId?: string; input: FloorOrder };
}
interface Reply {
  type: string;
  correlationId: string;
  payload: Record<string, unknown>;
}
const sagaIdOf = (start: StartSaga) => start.payload.sagaId ?? start.messageId;

async function onStart(start: StartSaga): Promise<void> {
  const sagaId = sagaIdOf(start);
  const now = new Date().toISOString();
  const saga: FloorSaga = { _id: sagaId, version: 1, status: 'running', step: 0, input: start.payload.input, createdAt: now, updatedAt: now };
  try {
    await sagas.insertOne(saga);
    inFlight.set(sagaId, saga);
    await sendAwaited(saga);
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    // A redelivered or repeated StartSaga: the saga exists, send what it waits for.
    const existing = inFlight.get(sagaId) ?? (await sagas.findOne({ _id: sagaId }));
    if (existing) await sendAwaited(existing);
  }
}

async function onReply(reply: Reply): Promise<void> {
  const saga = inFlight.get(reply.correlationId) ?? (await sagas.findOne({ _id: reply.correlationId }));
  if (!saga) return;
  const change = advance(saga, reply.type, reply.payload);
  if (!change) return sendAwaited(saga);
  const next: FloorSaga = { ...saga, ...change, version: saga.version + 1, updatedAt: new Date().toISOString() };
  const written = await sagas.updateOne({ _id: saga._id, version: saga.version }, { $set: { ...change, version: next.version, updatedAt: next.updatedAt } });
  if (written.matchedCount === 0) {
    inFlight.delete(saga._id);
    throw new Error(`saga ${saga._id} changed under us`);
  }
  if (next.status === 'completed' || next.status === 'compensated') {
    inFlight.delete(saga._id);
    metrics.finished(next.status);
    if (publishEvents) await broker.publish(names.events, `order-fulfilment.saga-${next.status}`, { type: `Saga${next.status === 'completed' ? 'Completed' : 'Compensated'}`, correlationId: saga._id, payload: { sagaId: saga._id, status: next.status } });
    return;
  }
  inFlight.set(saga._id, next);
  await sendAwaited(next);
}

function consume<T>(queue: string, handle: (body: T) => Promise<void>, key: (body: T) => string) {
  return broker.channel.consume(queue, (message: ConsumeMessage | null) => {
    if (!message) return;
    const body = JSON.parse(message.content.toString()) as T;
    oneAtATime(key(body), () => handle(body)).then(
      () => broker.channel.ack(message),
      (error: unknown) => {
        process.stderr.write(`floor orchestrator: ${String(error)}\n`);
        broker.channel.nack(message, false, true);
      },
    );
  });
}

// Per saga one message at a time: the in-memory copy and the version guard must see each other's writes.
await consume(names.startQueue, onStart, sagaIdOf);
await consume(names.replyQueue, onReply, (reply: Reply) => reply.correlationId);
const server = await metrics.serve(Number(env['METRICS_PORT'] ?? 0));
process.stdout.write('floor orchestrator ready\n');
process.once('SIGTERM', () => {
  server.close();
  void broker.close().then(() => mongo.close()).then(() => process.exit(0));
});
