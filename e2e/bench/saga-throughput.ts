/**
 * `pnpm bench`: the project side by side with a floor — the same order-fulfilment flow with the
 * same durability (quorum queues, persistent messages, publisher confirms, majority+journal
 * writes) and the same business rules, written plainly on amqplib and the mongodb driver with
 * no framework (./floor/, five processes like the project's). One driver runs both:
 *
 *   closed loop   1 (happy sagas only: its database commands are a happy saga's), 16 and 64 in flight
 *   batch         200 started at once
 *   open loop     a rate ladder (10, 20, 40, 60, 80 sagas/s), latency from each saga's *scheduled*
 *                 start so queueing is not hidden; it stops at the first saturated rung
 *   stored sagas  a short closed loop with 1 000 (and 50 000) terminal sagas already stored
 *
 * Sagas start with a raw-AMQP StartSaga (README "Start a saga") and end when a private queue
 * bound to the replies exchange sees their last reply (or, once the project publishes them, the
 * saga lifecycle events on `<ns>.events`): no database polling. Measured per drive: sagas/s;
 * p50/p95/p99/max from an HDR histogram; CPU ms per saga of every process (orchestrator,
 * participants, RabbitMQ, FerretDB, the PostgreSQL backends serving FerretDB, the driver, and
 * whatever else the machine did) from /proc; database commands per saga by name for the
 * orchestrator and the participants (`saga_db_commands_total`, from the driver's command
 * monitoring); per round the saga documents' BSON size and PostgreSQL's seq scans and rows read.
 * Each round starts each system fresh in its own namespace, floor and project alternating (the
 * order swapped every round); medians and project/floor ratios are reported. Every saga's outcome
 * is checked against its order, and the participants' effects against the outcomes.
 *
 * Output: a markdown report on stdout and in reports/bench/<timestamp>.md, everything in
 * reports/bench/<timestamp>.json. Progress goes to stderr. Loopback only; bounded in sagas and time.
 * Speed targets live here (the report's Targets table), never as assertions in tests.
 *
 *   MONGO_URL=mongodb://127.0.0.1:27019 pnpm bench            # ~10 minutes
 *   MONGO_URL=mongodb://127.0.0.1:27019 BENCH_QUICK=1 pnpm bench   # ~2 minutes, one round
 *
 * Settings (environment):
 *   MONGO_URL, AMQP_URL        the services; MONGO_URL should be a FerretDB (or MongoDB) of your own
 *   BENCH_QUICK=1              one round, fewer sagas per drive, a batch of 100, rates 10/20/40, no stored drive
 *   BENCH_ROUNDS               rounds per system (3; quick 1)
 *   BENCH_REFUSED              fraction of orders refused (by stock, limit, country, suppression in turn) that compensate (0.1)
 *   BENCH_WARMUP               unmeasured happy sagas, 8 in flight, after each start: every customer's account opened (50)
 *   BENCH_C1_SAGAS / BENCH_C16_SAGAS / BENCH_C64_SAGAS   sagas per closed-loop drive (20/160/192; quick 10/64/96)
 *   BENCH_DRIVE_SECONDS        a closed-loop drive starts no new saga after this (30; quick 15), bounding a slow system
 *   BENCH_BATCH                sagas in the batch (200; quick 100; 0 skips it)
 *   BENCH_RATES                open-loop rates, sagas/s (10,20,40,60,80; quick 10,20,40)
 *   BENCH_RATE_SECONDS         seconds of arrivals per rate (4; quick 3)
 *   BENCH_DRAIN_MS             wait for a rung's last saga after its last start (15000; quick 10000)
 *   BENCH_LADDER_MAX_P99_MS    stop the ladder after a rung with a higher p99 (5000), sagas left over, or < 75 % of its rate achieved
 *   BENCH_STORED               1: stored drives at 1 000 and 50 000; 0: none; or levels, e.g. 1000,10000 (default 1 000; quick none)
 *   BENCH_STORED_SAGAS         sagas of each stored drive, 16 in flight (48)
 *   BENCH_ORCHESTRATORS        project orchestrator instances (1); the floor always has one
 *   SAGA_PARTITIONS, PREFETCH  passed to the project (4, 32); PREFETCH to the floor too
 *   BENCH_LOG_LEVEL            the project's LOG_LEVEL (warn: nothing is logged per message, like the floor)
 *   BENCH_DETECTOR             auto | replies | events (auto: events when the project's topology has an events exchange)
 *   BENCH_SYSTEMS              floor,project (either alone for a quick look; no ratios then)
 *   BENCH_DEADLINE_MS          longest wait for one drive (120000)
 *   BENCH_BUDGET_SECONDS       no round or stored drive starts that would likely end past this (600; quick 240):
 *                              on a busy machine the report says how many rounds it ran
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import amqplib from 'amqplib';
import { MongoClient } from 'mongodb';
import { topology } from '@saga/contracts';
import { orderSystem } from '@order-fulfilment/contracts';
import type { BenchContext } from './bench-context.ts';
import { renderMarkdown, type BenchRun } from './bench-report.ts';
import { benchSettings } from './bench-settings.ts';
import { summarize } from './bench-summary.ts';
import { sleep } from './drive-result.ts';
import { PostgresProbe } from './postgres-probe.ts';
import { commandLineOf, cpuMsOf, pidListeningOn } from './process-cpu.ts';
import { storedRound, type StoredDrive } from './stored-round.ts';
import { systemRound, type SystemRound } from './system-round.ts';

const REPORTS = fileURLToPath(new URL('../../reports/bench/', import.meta.url));
const log = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<void> {
  const began = Date.now();
  const startedAt = new Date(began).toISOString();
  const settings = benchSettings(process.env);
  // A wedged database (FerretDB v1 can deadlock its connection pool) must not hang the run: the
  // exit hooks of both harnesses kill every process we started.
  setTimeout(() => {
    log(`bench: still running after ${settings.budgetSeconds + 1200} s; giving up (namespaces may be left behind)`);
    process.exit(1);
  }, (settings.budgetSeconds + 1200) * 1000).unref();
  const amqpUrl = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
  const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
  const loadBefore = loadavg();

  const ferretdb = pidListeningOn(Number(new URL(mongoUrl).port || 27017));
  const ferretCommand = ferretdb === undefined ? '' : commandLineOf(ferretdb);
  // FerretDB's URL may carry pool settings (pool_max_conns=…) that psql does not know.
  const pgUrl = /--postgresql-url=(\S+)/.exec(ferretCommand)?.[1]?.split('?')[0];
  const postgres = pgUrl ? new PostgresProbe(pgUrl) : undefined;
  const rabbitmq = pidListeningOn(Number(new URL(amqpUrl).port || 5672));
  const versions = await collectVersions(amqpUrl, mongoUrl, postgres, ferretCommand);
  log(`bench: ${settings.quick ? 'quick, ' : ''}${settings.rounds} round(s); ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}; load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  if (!postgres) log('bench: no PostgreSQL behind MONGO_URL found; CPU of PostgreSQL and table counters are left out');
  if (rabbitmq === undefined) log('bench: no local RabbitMQ process found; its CPU is left out');

  const projectHasEvents = 'events' in topology(orderSystem, 'probe').exchanges;
  const detector = settings.detector === 'auto' ? (projectHasEvents ? 'events' : 'replies') : settings.detector;
  const context: BenchContext = { settings, amqpUrl, mongoUrl, shared: { rabbitmq, ferretdb }, postgres, detector };

  let brokerBackground: number | undefined;
  if (rabbitmq !== undefined) {
    const before = cpuMsOf(rabbitmq);
    await sleep(2_000);
    const after = cpuMsOf(rabbitmq);
    if (before !== undefined && after !== undefined) brokerBackground = (after - before) / 2;
  }

  const rounds: SystemRound[] = [];
  const notes: string[] = [];
  const elapsed = () => (Date.now() - began) / 1000;
  let lastRoundSeconds = 0;
  for (let round = 1; round <= settings.rounds; round += 1) {
    // A loaded machine makes every round slower: cut rounds rather than overrun the budget.
    if (round > 1 && elapsed() + lastRoundSeconds > settings.budgetSeconds) {
      notes.push(`${round - 1} of ${settings.rounds} rounds run: another would have ended past the time budget (BENCH_BUDGET_SECONDS=${settings.budgetSeconds}).`);
      break;
    }
    const roundBegan = elapsed();
    const order = round % 2 === 1 ? settings.systems : [...settings.systems].reverse();
    for (const kind of order) {
      log(`round ${round}: ${kind}`);
      rounds.push(await systemRound(kind, round, context, log));
    }
    lastRoundSeconds = elapsed() - roundBegan;
  }
  const stored: StoredDrive[] = [];
  // Both systems or neither: one system's figures alone compare with nothing. About a minute per
  // system and level at 1 000 stored; far more at 50 000, which is why that level is opt-in.
  const storedSeconds = 60 * settings.systems.length * settings.stored.length;
  if (settings.stored.length > 0 && !postgres) notes.push('stored-sagas drive skipped: its figures are PostgreSQL\'s table counters, and no PostgreSQL was found.');
  else if (settings.stored.length > 0 && rounds.length > 0 && elapsed() + storedSeconds > settings.budgetSeconds + 60) notes.push('stored-sagas drive skipped: it would have ended past the time budget.');
  else if (settings.stored.length > 0) {
    for (const kind of settings.systems) {
      log(`stored sagas: ${kind}`);
      stored.push(...(await storedRound(kind, settings.stored, context, log)));
    }
  }
  for (const note of notes) log(`bench: ${note}`);

  const run: BenchRun = {
    startedAt,
    durationSeconds: (Date.now() - began) / 1000,
    machine: { cores: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), loadBefore, loadAfter: loadavg() },
    versions,
    settings: { ...settings, amqpUrl, mongoUrl, detectorUsed: detector },
    brokerBackgroundMsPerSecond: brokerBackground,
    notes,
    rounds,
    stored,
    summary: summarize(rounds),
  };
  const markdown = renderMarkdown(run);
  mkdirSync(REPORTS, { recursive: true });
  const file = `${REPORTS}${startedAt.replace(/[:.]/g, '-')}`;
  writeFileSync(`${file}.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${file}.md`, markdown);
  process.stdout.write(markdown);
  log(`bench: wrote ${file}.json and .md`);
  const wrong = rounds.filter((r) => r.correctness.unexpected > 0 || r.correctness.effectMismatches.length > 0);
  if (wrong.length > 0) {
    log(`bench: ${wrong.length} round(s) ended sagas wrongly or left effects that do not match; see Correctness`);
    process.exitCode = 1;
  }
}

async function collectVersions(amqpUrl: string, mongoUrl: string, postgres: PostgresProbe | undefined, ferretCommand: string): Promise<Record<string, string>> {
  const versions: Record<string, string> = { node: process.version };
  const connection = await amqplib.connect(amqpUrl);
  versions['RabbitMQ'] = String((connection.connection as unknown as { serverProperties?: { version?: string } }).serverProperties?.version ?? 'unknown');
  await connection.close();
  const mongo = await new MongoClient(mongoUrl, { retryWrites: false }).connect();
  const info = await mongo.db('admin').command({ buildInfo: 1 });
  await mongo.close();
  const backend = [/--handler=(\w+)/.exec(ferretCommand)?.[1], /--postgresql-url=\S+\?(\S+)/.exec(ferretCommand)?.[1]].filter(Boolean).join(', ');
  versions[info['ferretdbVersion'] ? 'FerretDB' : 'MongoDB'] = `${String(info['ferretdbVersion'] ?? info['version'])}${backend ? ` (${backend})` : ''}`;
  if (postgres) versions['PostgreSQL'] = await postgres.version();
  return versions;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
