/**
 * `pnpm bench`: end-to-end throughput and latency of the order-fulfilment saga on this machine.
 * Starts the whole system with `pnpm start` (its own namespace), publishes rounds of StartSaga over
 * raw AMQP, and waits until every saga of a round has completed. Bounded: ROUNDS × SAGAS sagas and
 * a hard deadline; loopback only. Prints the median of the rounds — figures are noisy on 2 cores.
 *
 *   BENCH_SAGAS=200 BENCH_ROUNDS=3 pnpm bench
 */
import { randomUUID } from 'node:crypto';
import { startSystem } from '../system.ts';

const SAGAS = Number(process.env['BENCH_SAGAS'] ?? 200);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const DEADLINE_MS = Number(process.env['BENCH_DEADLINE_MS'] ?? 180_000);

/** BENCH_ENV='{"OUTBOX_RELAY_INTERVAL_MS":"60000"}' passes settings through to the system under test. */
const extraEnv = (): Record<string, string> => JSON.parse(process.env['BENCH_ENV'] ?? '{}') as Record<string, string>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

function startSaga(sagaId: string, n: number) {
  return {
    messageId: randomUUID(),
    type: 'StartSaga',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    payload: {
      sagaType: 'order-fulfilment',
      sagaId,
      input: {
        orderId: `order-${sagaId.slice(-12)}`,
        customerId: `customer-${n % 50}`,
        email: `buyer-${n}@example.com`,
        items: [{ sku: 'SKU-PEN', quantity: 1 }],
        amount: { cents: 100, currency: 'EUR' },
        shippingAddress: { name: 'Bench', line1: '1 Loop St', city: 'Localhost', postalCode: '127001', country: 'GB' },
      },
    },
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const system = await startSystem({ INVENTORY_SEED_STOCK: JSON.stringify({ 'SKU-PEN': 1_000_000 }), PAYMENT_DEFAULT_LIMIT_CENTS: '100000000', ...extraEnv() });
  const sagas = system.db('orchestrator').collection('sagas');
  const rounds: Array<{ perSecond: number; p50: number; p95: number; rssMiB: number }> = [];
  const rssMiB = async () => Math.round((await system.metric('process_resident_memory_bytes', {})) / 2 ** 20);
  process.stdout.write(`orchestrator RSS at start: ${await rssMiB()} MiB\n`);
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const ids = Array.from({ length: SAGAS }, () => `bench-${randomUUID()}`);
      const completedBefore = await system.metric('saga_finished_total', { status: 'completed' });
      const t0 = Date.now();
      for (const [n, id] of ids.entries()) await system.publish('commands', 'orchestrator', startSaga(id, n));
      // Poll the orchestrator's own counter, not the database: a scan every few ms would compete
      // with the system under test for the (single-threaded) FerretDB stand-in.
      const target = completedBefore + SAGAS;
      for (;;) {
        const done = await system.metric('saga_finished_total', { status: 'completed' });
        if (done >= target) break;
        if (Date.now() - started > DEADLINE_MS) throw new Error(`deadline: ${done - completedBefore}/${SAGAS} completed in round ${round + 1}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const elapsed = (Date.now() - t0) / 1000;
      const docs = await sagas.find({ _id: { $in: ids } as never }, { projection: { createdAt: 1, updatedAt: 1 } }).toArray();
      const latencies = docs.map((d) => Date.parse(String(d['updatedAt'])) - Date.parse(String(d['createdAt'])));
      const rss = await rssMiB();
      rounds.push({ perSecond: SAGAS / elapsed, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), rssMiB: rss });
      process.stdout.write(
        `round ${round + 1}: ${SAGAS} sagas in ${elapsed.toFixed(2)} s = ${(SAGAS / elapsed).toFixed(1)} sagas/s; ` +
          `start→completed p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms; orchestrator RSS ${rss} MiB\n`,
      );
    }
  } finally {
    await system.stop();
  }
  process.stdout.write(
    `median of ${ROUNDS} rounds: ${median(rounds.map((r) => r.perSecond)).toFixed(1)} sagas/s, ` +
      `p50 ${median(rounds.map((r) => r.p50))} ms, p95 ${median(rounds.map((r) => r.p95))} ms, orchestrator RSS ${median(rounds.map((r) => r.rssMiB))} MiB ` +
      `(4 steps = 8 messages + 4 command publishes per saga; MONGO_URL=${process.env['MONGO_URL'] ?? 'default'})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
