/**
 * The chaos run: N sagas with scripted outcomes while faults are injected — kill -9 of orchestrator
 * instances and participants, at random and at labelled crash points; broker connections closed;
 * optionally a RabbitMQ restart; duplicated and delayed replies and commands; poison messages. Then
 * heal, drain, and check the invariants. Bounded in count and time; loopback only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqplib, { type Channel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { allQueues } from '@saga/contracts';
import { orderSystem } from '@order-fulfilment/contracts';
import { busTopologyOf, connectRabbitBus, createLogger, type MessageProperties, type RabbitBus } from '@saga/runtime';
import { AMQP_URL } from '@saga/runtime/testing';
import { startCluster, type Cluster, type ServiceName } from '../cluster.ts';
import { POISON_KINDS, closeConnections, poisonBody, restartBroker, type PoisonKind } from './broker-faults.ts';
import { checkInvariants, type SagaDocument } from './invariants.ts';
import { CHAOS_LIMIT_CENTS, CHAOS_POLICY, CHAOS_STOCK, buildSagas, faultPlan, pick, seededRandom, type ChaosSaga, type Expected } from './scenario.ts';

export interface ChaosOptions {
  seed: number;
  sagas: number;
  /** Orchestrator instances running side by side. */
  orchestrators: number;
  /** How long faults are injected (sagas are started during the first half). */
  injectForMs: number;
  /** Mean time between two faults. */
  faultEveryMs: number;
  /** Stop and start the RabbitMQ application once, mid-run. Disturbs every user of the broker. */
  brokerRestart: boolean;
  /** Share of replies and commands the run duplicates, and (separately) delays. */
  duplicateShare: number;
  delayShare: number;
  poisonMessages: number;
  convergeTimeoutMs: number;
  log(line: string): void;
}

export interface ChaosReport {
  seed: number;
  sagas: number;
  orchestrators: number;
  outcomes: Record<string, number>;
  expected: Record<Expected, number>;
  scripts: Record<string, number>;
  faults: Record<string, number>;
  duplicates: { injected: number; delivered: number; appliedTwice: number };
  deadLetters: { expected: number; found: number };
  timings: { injectMs: number; convergeMs: number; totalMs: number };
  violations: string[];
}

const ORCHESTRATOR_CRASH_POINTS = ['orchestrator:after-commit', 'orchestrator:after-publish', 'orchestrator:before-ack'];
const PARTICIPANT_CRASH_POINTS = ['participant:after-effect', 'participant:after-reply'];
const TERMINAL_OR_PARKED = ['completed', 'compensated', 'failed', 'resolved', 'parked'];

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const sagas = buildSagas(options.seed, options.sagas, options.seed.toString(36));
  const planDir = mkdtempSync(join(tmpdir(), 'chaos-'));
  const planFile = join(planDir, 'fault-plan.json');
  writeFileSync(planFile, JSON.stringify(faultPlan(sagas)));
  const faults: Record<string, number> = {};
  const count = (kind: string) => {
    faults[kind] = (faults[kind] ?? 0) + 1;
    if (kind !== 'duplicate-start') options.log(`chaos: +${((Date.now() - started) / 1000).toFixed(1)} s ${kind}`);
  };
  const violations: string[] = [];

  options.log(`chaos: seed ${options.seed}, ${sagas.length} sagas, ${options.orchestrators} orchestrator(s), faults for ${options.injectForMs} ms`);
  const cluster = await startCluster({
    label: 'chaos',
    orchestrators: options.orchestrators,
    env: {
      SAGA_FAULT_PLAN: planFile,
      SAGA_POLICY: JSON.stringify(CHAOS_POLICY),
      SWEEP_INTERVAL_MS: '250',
      OUTBOX_GRACE_MS: '1000',
      INVENTORY_SEED_STOCK: JSON.stringify(CHAOS_STOCK),
      PAYMENT_DEFAULT_LIMIT_CENTS: String(CHAOS_LIMIT_CENTS),
      LOG_LEVEL: 'info',
    },
  });
  // The driver's own connection reconnects by itself, so it survives a broker restart.
  const driver = await connectRabbitBus({ url: AMQP_URL, topology: busTopologyOf(cluster.topology), logger: createLogger({ name: 'chaos-driver', level: 'error' }), name: 'chaos-driver' });
  // Separate streams, so the fault schedule does not depend on how many messages the tap saw.
  const tap = new MessageTap(driver, cluster, seededRandom(options.seed ^ 0x5bd1e995), options);
  const supervisor = new Supervisor(cluster, options.log, (service) => count(`crash-point fired (${service})`));
  const expectedPoison = new Set<string>();
  const metrics = new MetricsWatch(cluster);
  try {
    await tap.start();
    metrics.start();
    supervisor.start();

    // --- inject ---------------------------------------------------------------------------------
    const injectStart = Date.now();
    // Poison goes out among the StartSagas, every kind in turn, to a random queue.
    const poisonRandom = seededRandom(options.seed ^ 0x165667b1);
    const poison = async (n: number) => {
      expectedPoison.add(await publishPoison(driver, cluster, POISON_KINDS[n % POISON_KINDS.length]!, pick(poisonRandom, sagas).sagaId, poisonRandom));
      count('poison');
    };
    const startAll = startSagas(driver, cluster, sagas, seededRandom(options.seed ^ 0x27d4eb2f), options.injectForMs / 2, count, options.poisonMessages, poison);
    let brokerRestarted = false;
    // Every kind of fault in turn, in a seeded order; the broker restart once, 40 % of the way in.
    const cycle = shuffle(random, ['kill-orchestrator', 'kill-participant', 'crash-point', 'crash-point', 'close-connections'] as const);
    for (let turn = 0; Date.now() - injectStart < options.injectForMs; turn += 1) {
      await sleep(options.faultEveryMs * (0.5 + random()));
      const due = options.brokerRestart && !brokerRestarted && Date.now() - injectStart >= options.injectForMs * 0.4;
      const kind = due ? 'broker-restart' : cycle[turn % cycle.length]!;
      try {
        if (kind === 'kill-orchestrator' || kind === 'kill-participant') {
          const service = kind === 'kill-orchestrator' ? orchestratorOf(random, options.orchestrators) : pick(random, orderSystem.participants);
          if (await supervisor.kill(service)) count(`${kind} ${service}`);
        } else if (kind === 'crash-point') {
          const orchestrator = random() < 0.5;
          const service: ServiceName = orchestrator ? orchestratorOf(random, options.orchestrators) : pick(random, orderSystem.participants);
          const label = `${pick(random, orchestrator ? ORCHESTRATOR_CRASH_POINTS : PARTICIPANT_CRASH_POINTS)}@${1 + Math.floor(random() * 3)}`;
          if (await supervisor.arm(service, label)) count(`crash-point armed ${label.split('@')[0]} (${service})`);
        } else if (kind === 'close-connections') {
          const closed = await closeConnections(cluster.namespace, random() < 0.5 ? pick(random, orderSystem.participants) : 'orchestrator');
          if (closed > 0) count(kind);
        } else if (kind === 'broker-restart') {
          brokerRestarted = true;
          options.log('chaos: restarting RabbitMQ');
          await restartBroker();
          count(kind);
        }
      } catch (error) {
        options.log(`chaos: ${kind} failed to inject: ${(error as Error).message}`);
      }
    }
    await startAll;
    const injectMs = Date.now() - injectStart;

    // --- heal and converge ------------------------------------------------------------------------
    const healStart = Date.now();
    tap.stopInjecting();
    await supervisor.heal();
    await tap.settled();
    const settled = await waitForSagas(cluster, sagas, options.convergeTimeoutMs);
    if (!settled.ok) violations.push(...settled.stuck.map((s) => `${s}: not terminal or parked after ${options.convergeTimeoutMs} ms`));
    await waitForDrained(cluster, options.convergeTimeoutMs).catch((error: Error) => violations.push(error.message));
    const convergeMs = Date.now() - healStart;
    await metrics.stop();

    // --- check ------------------------------------------------------------------------------------
    const invariants = await checkInvariants(sagas, cluster.db);
    violations.push(...invariants.violations);
    const deadLetters = await readDeadLetters(cluster);
    violations.push(...checkDeadLetters(deadLetters, expectedPoison));
    faults['duplicated'] = tap.duplicated;
    faults['delayed'] = tap.delayed;
    const documents = await cluster.db('orchestrator').collection<SagaDocument>('sagas').find({ _id: { $in: sagas.map((s) => s.sagaId) } }).toArray();
    return {
      seed: options.seed,
      sagas: sagas.length,
      orchestrators: options.orchestrators,
      outcomes: tally(documents.map((d) => d.status)),
      expected: tally(sagas.map((s) => s.expected)) as Record<Expected, number>,
      scripts: tally(sagas.map((s) => s.script.kind)),
      faults,
      duplicates: { injected: tap.duplicated + tap.delayed + (faults['duplicate-start'] ?? 0), delivered: metrics.duplicates(), appliedTwice: invariants.excessEffects },
      deadLetters: { expected: expectedPoison.size, found: deadLetters.length },
      timings: { injectMs, convergeMs, totalMs: Date.now() - started },
      violations,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- cluster output (tail) ---\n${cluster.output().slice(-6_000)}`, { cause: error });
  } finally {
    supervisor.stop();
    tap.stopInjecting();
    await metrics.stop();
    await driver.close().catch(() => undefined);
    await cluster.stop().catch(() => undefined);
    rmSync(planDir, { recursive: true, force: true });
  }
}

function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

function orchestratorOf(random: () => number, instances: number): ServiceName {
  return `orchestrator-${1 + Math.floor(random() * instances)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tally(values: readonly string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const v of values) result[v] = (result[v] ?? 0) + 1;
  return result;
}

/** Publishes the StartSagas spread over `spreadMs`; one in eight is sent twice (an idempotent start). */
async function startSagas(
  driver: RabbitBus,
  cluster: Cluster,
  sagas: readonly ChaosSaga[],
  random: () => number,
  spreadMs: number,
  count: (kind: string) => void,
  poisonMessages: number,
  poison: (n: number) => Promise<void>,
): Promise<void> {
  const gap = spreadMs / Math.max(1, sagas.length);
  let sent = 0;
  for (const [i, saga] of sagas.entries()) {
    while (sent < Math.ceil(((i + 1) * poisonMessages) / sagas.length)) await poison(sent++);
    const body = Buffer.from(JSON.stringify({
      messageId: `start-${saga.sagaId}`,
      type: 'StartSaga',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      payload: { sagaType: 'order-fulfilment', sagaId: saga.sagaId, input: saga.input },
    }));
    const copies = random() < 0.125 ? 2 : 1;
    for (let i = 0; i < copies; i += 1) {
      await publishRaw(driver, cluster.topology.exchanges.commands.name, 'orchestrator', body, {});
    }
    if (copies > 1) count('duplicate-start');
    await sleep(gap * (0.5 + random()));
  }
}

/** A confirmed publish on the driver's reconnecting channel, retried while the broker is away. */
async function publishRaw(driver: RabbitBus, exchange: string, routingKey: string, body: Buffer, properties: MessageProperties): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await driver.publish({ exchange, routingKey, body, properties: { contentType: 'application/json', ...properties } });
      return;
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(500);
    }
  }
}

async function publishPoison(driver: RabbitBus, cluster: Cluster, kind: PoisonKind, sagaId: string, random: () => number): Promise<string> {
  const id = `poison-${kind}-${Math.floor(random() * 1e9).toString(36)}`;
  const { commands, replies } = cluster.topology.exchanges;
  const target = pick(random, [
    { exchange: commands.name, key: 'orchestrator' },
    { exchange: commands.name, key: pick(random, orderSystem.participants) },
    { exchange: replies.name, key: cluster.topology.replyRoutingKey(sagaId) },
  ]);
  await publishRaw(driver, target.exchange, target.key, poisonBody(kind, sagaId), { headers: { 'x-chaos-poison': id } });
  return id;
}

/**
 * Taps the replies and commands exchanges (a queue of its own bound to every routing key) and
 * re-publishes a share of what it sees: at once (a duplicate) or seconds later (delayed and out of
 * order). `userId` is dropped: the copy is published by the driver's own user.
 */
class MessageTap {
  duplicated = 0;
  delayed = 0;
  #injecting = true;
  readonly #pending = new Set<Promise<void>>();
  readonly #queue: string;

  private readonly driver: RabbitBus;
  private readonly cluster: Cluster;
  private readonly random: () => number;
  private readonly options: ChaosOptions;

  constructor(driver: RabbitBus, cluster: Cluster, random: () => number, options: ChaosOptions) {
    this.driver = driver;
    this.cluster = cluster;
    this.random = random;
    this.options = options;
    this.#queue = `${cluster.namespace}.chaos-tap`;
  }

  async start(): Promise<void> {
    const { topology } = this.cluster;
    const channel = this.driver.connection.createChannel({
      name: 'chaos-tap',
      setup: async (ch: ConfirmChannel) => {
        await ch.assertQueue(this.#queue, { durable: false, autoDelete: true });
        for (let k = 0; k < topology.partitionCount; k += 1) await ch.bindQueue(this.#queue, topology.exchanges.replies.name, topology.partitionRoutingKey(k));
        for (const p of orderSystem.participants) await ch.bindQueue(this.#queue, topology.exchanges.commands.name, topology.commandRoutingKey(p));
        await ch.consume(this.#queue, (message) => {
          if (!message) return;
          ch.ack(message);
          this.#observe(message);
        });
      },
    });
    await channel.waitForConnect();
  }

  #observe(message: ConsumeMessage): void {
    const headers = message.properties.headers ?? {};
    if (!this.#injecting || headers['x-chaos-copy'] || headers['x-chaos-poison']) return;
    const roll = this.random();
    if (roll < this.options.duplicateShare) {
      this.duplicated += 1;
      this.#track(this.#republish(message));
    } else if (roll < this.options.duplicateShare + this.options.delayShare) {
      this.delayed += 1;
      this.#track(sleep(500 + this.random() * 2_500).then(() => this.#republish(message)));
    }
  }

  #track(task: Promise<void>): void {
    const tracked = task.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  async #republish(message: ConsumeMessage): Promise<void> {
    const { messageId, correlationId, type, contentType, timestamp, headers } = message.properties;
    const kept = Object.entries({ messageId, correlationId, type, contentType, timestamp }).filter(([, v]) => v !== undefined);
    await publishRaw(this.driver, message.fields.exchange, message.fields.routingKey, message.content, {
      ...(Object.fromEntries(kept) as MessageProperties),
      headers: { ...headers, 'x-chaos-copy': true },
    });
  }

  stopInjecting(): void {
    this.#injecting = false;
  }

  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

/**
 * Keeps every service alive: a process that died (kill -9, a crash point) is started again, clean.
 * Fault actions take a service's lock so that a kill and its restart are not raced by the watch.
 */
class Supervisor {
  #timer: NodeJS.Timeout | undefined;
  readonly #busy = new Set<ServiceName>();
  /** Services started with a crash point that may not have fired yet. */
  readonly #armed = new Set<ServiceName>();

  private readonly cluster: Cluster;
  private readonly log: (line: string) => void;
  private readonly onCrash: (service: ServiceName) => void;

  constructor(cluster: Cluster, log: (line: string) => void, onCrash: (service: ServiceName) => void) {
    this.cluster = cluster;
    this.log = log;
    this.onCrash = onCrash;
  }

  start(): void {
    this.#timer = setInterval(() => void this.#revive(), 250);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #revive(): Promise<void> {
    for (const service of this.cluster.services()) {
      if (this.#busy.has(service) || this.cluster.isRunning(service)) continue;
      await this.#locked(service, async () => {
        // A process that died on its own was one armed with a crash point that fired.
        if (this.#armed.delete(service)) this.onCrash(service);
        await this.cluster.start(service);
      });
    }
  }

  async #locked(service: ServiceName, task: () => Promise<void>): Promise<boolean> {
    if (this.#busy.has(service)) return false;
    this.#busy.add(service);
    try {
      await task();
      return true;
    } catch (error) {
      this.log(`chaos: ${service}: ${(error as Error).message.split('\n')[0]}`);
      return false;
    } finally {
      this.#busy.delete(service);
    }
  }

  /** kill -9, then start again. */
  kill(service: ServiceName): Promise<boolean> {
    return this.#locked(service, async () => {
      if (!this.cluster.isRunning(service)) return;
      await this.cluster.kill(service, 'SIGKILL');
      this.#armed.delete(service);
      await this.cluster.start(service);
    });
  }

  /** Restarts the service with a crash point; when it fires, the watch starts the service again, clean. */
  arm(service: ServiceName, label: string): Promise<boolean> {
    return this.#locked(service, async () => {
      if (this.#armed.has(service)) return;
      await this.cluster.kill(service, 'SIGKILL');
      await this.cluster.start(service, { SAGA_CRASH_AT: label });
      this.#armed.add(service);
    });
  }

  /** Every service running, none with a crash point still armed. */
  async heal(): Promise<void> {
    this.stop();
    while (this.#busy.size > 0) await sleep(50);
    for (const service of this.cluster.services()) {
      if (this.#armed.has(service) && this.cluster.isRunning(service)) {
        this.log(`chaos: ${service}: disarming its crash point`);
        await this.cluster.restart(service);
      } else if (!this.cluster.isRunning(service)) {
        await this.cluster.start(service);
      }
      this.#armed.delete(service);
    }
  }
}

/** Sums `saga_messages_total{outcome="duplicate"}` over every orchestrator life (counters restart with the process). */
class MetricsWatch {
  readonly #lives = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #last = new Map<string, number>();

  private readonly cluster: Cluster;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  start(): void {
    this.#timer = setInterval(() => void this.#scrape(), 1_000);
  }

  async #scrape(): Promise<void> {
    for (const service of this.cluster.services()) {
      if (!service.startsWith('orchestrator-') || !this.cluster.isRunning(service)) continue;
      try {
        const text = await (await fetch(`${this.cluster.httpUrlOf(service as `orchestrator-${number}`)}/metrics`)).text();
        const value = text
          .split('\n')
          .filter((l) => l.startsWith('saga_messages_total{') && l.includes('outcome="duplicate"'))
          .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
        const previous = this.#last.get(service) ?? 0;
        // A smaller value is a new life of the process: bank the old one.
        if (value < previous) this.#lives.set(service, (this.#lives.get(service) ?? 0) + previous);
        this.#last.set(service, value);
      } catch {
        // Down right now: the next scrape (or the next life) counts.
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      await this.#scrape();
    }
  }

  /** A lower bound: duplicates counted by a life that was killed between two scrapes are missed. */
  duplicates(): number {
    let total = 0;
    for (const value of this.#lives.values()) total += value;
    for (const value of this.#last.values()) total += value;
    return total;
  }
}

async function waitForSagas(cluster: Cluster, sagas: readonly ChaosSaga[], timeoutMs: number): Promise<{ ok: boolean; stuck: string[] }> {
  const deadline = Date.now() + timeoutMs;
  const ids = sagas.map((s) => s.sagaId);
  for (;;) {
    const documents = await cluster.db('orchestrator').collection<SagaDocument>('sagas').find({ _id: { $in: ids } }, { projection: { status: 1 } }).toArray();
    const done = new Set(documents.filter((d) => TERMINAL_OR_PARKED.includes(d.status)).map((d) => d._id));
    const stuck = ids.filter((id) => !done.has(id));
    if (stuck.length === 0) return { ok: true, stuck };
    if (Date.now() > deadline) {
      const statusOf = new Map(documents.map((d) => [d._id, d.status]));
      return { ok: false, stuck: stuck.map((id) => `${id} (${statusOf.get(id) ?? 'missing'})`) };
    }
    await sleep(500);
  }
}

/** Every work queue empty (ready and unacked) on two looks in a row. */
async function waitForDrained(cluster: Cluster, timeoutMs: number): Promise<void> {
  const queues = allQueues(cluster.topology).filter((q) => q.consumer !== 'operator');
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const counts = await withChannel((ch) => Promise.all(queues.map(async (q) => [q.name, (await ch.checkQueue(q.name)).messageCount] as const)));
    const busy = counts.filter(([, n]) => n > 0);
    quiet = busy.length === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    if (Date.now() > deadline) throw new Error(`work queues not drained: ${busy.map(([q, n]) => `${q}=${n}`).join(', ')}`);
    await sleep(500);
  }
}

interface DeadLetter {
  poison: string | undefined;
  code: string | undefined;
  reason: string | undefined;
}

/** A plain channel on a fresh connection: the cluster's own may have died with a broker restart. */
async function withChannel<T>(task: (channel: Channel) => Promise<T>): Promise<T> {
  const connection = await amqplib.connect(AMQP_URL);
  try {
    return await task(await connection.createChannel());
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function readDeadLetters(cluster: Cluster): Promise<DeadLetter[]> {
  const found: DeadLetter[] = [];
  await withChannel(async (ch) => {
    for (;;) {
      const message = await ch.get(cluster.topology.queues.deadLetter.name, { noAck: true });
      if (!message) break;
      const headers = message.properties.headers ?? {};
      found.push({
        poison: headers['x-chaos-poison'] as string | undefined,
        code: (headers['x-error-code'] ?? headers['x-first-death-reason']) as string | undefined,
        reason: (headers['x-death-reason'] ?? headers['x-first-death-reason']) as string | undefined,
      });
    }
  });
  return found;
}

/** The dead-letter queue holds exactly the injected poison, each once or more, each with a reason. */
function checkDeadLetters(found: readonly DeadLetter[], expected: ReadonlySet<string>): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const letter of found) {
    if (!letter.poison) {
      violations.push(`dead-letter queue: unexpected message (${letter.code ?? 'no code'}: ${letter.reason ?? 'no reason'})`);
      continue;
    }
    if (!expected.has(letter.poison)) violations.push(`dead-letter queue: unknown poison ${letter.poison}`);
    if (!letter.code || !letter.reason) violations.push(`dead-letter queue: ${letter.poison} has no reason headers`);
    seen.add(letter.poison);
  }
  for (const id of expected) if (!seen.has(id)) violations.push(`dead-letter queue: poison ${id} is missing`);
  return violations;
}

export function formatReport(report: ChaosReport): string {
  const lines = [
    `chaos report — seed ${report.seed}`,
    `  sagas: ${report.sagas} (${report.orchestrators} orchestrator instance(s))`,
    `  scripts: ${JSON.stringify(report.scripts)}`,
    `  expected: ${JSON.stringify(report.expected)}`,
    `  outcomes: ${JSON.stringify(report.outcomes)}`,
    `  faults: ${JSON.stringify(report.faults)}`,
    `  duplicates: injected ${report.duplicates.injected}, seen as duplicates by the orchestrator ≥ ${report.duplicates.delivered}, effects applied twice ${report.duplicates.appliedTwice}`,
    `  dead letters: ${report.deadLetters.found} found, ${report.deadLetters.expected} poison injected`,
    `  time: injecting ${report.timings.injectMs} ms, converging ${report.timings.convergeMs} ms, total ${report.timings.totalMs} ms`,
    report.violations.length === 0 ? '  invariants: all hold' : `  VIOLATIONS (${report.violations.length}):\n${report.violations.map((v) => `    - ${v}`).join('\n')}`,
  ];
  return lines.join('\n');
}
