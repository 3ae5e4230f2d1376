/**
 * A system as separate processes — one per service, each its own process group — in one test
 * namespace, so a test (or the chaos run) can kill -9 a single service, wait for it to die,
 * restart it with other settings, and run several orchestrator instances side by side.
 *
 * Which files start the services is the caller's: `mains` names the orchestrator's main and each
 * participant's (e.g. `participants/<name>/src/main.ts`), run with this Node from `cwd`.
 *
 * @example
 *   const cluster = await startCluster({ system: shop, mains: { orchestrator: 'shop/orchestrator/src/main.ts', participant: (p) => `shop/participants/${p}/src/main.ts` }, env: { PAYMENT_DEFAULT_LIMIT_CENTS: '100000' }, services: { payment: { SAGA_CRASH_AT: 'participant:after-reply' } } });
 *   await cluster.publish('commands', 'orchestrator', startSagaMessage);
 *   expect((await cluster.waitForExit('payment')).signal).toBe('SIGKILL');
 *   await cluster.restart('payment');                 // without the crash env
 *   await cluster.waitForTerminal(sagaId);
 *   await cluster.stop();                             // in afterAll
 */
import { isAbsolute, join } from 'node:path';
import type { AnySystem, ParticipantOf } from '@saga/contracts';
import { testNamespace } from '../index.ts';
import { connectNamespaceClient, type NamespaceClient } from './namespace-client.ts';
import { metricValue, orchestratorHttp, type OrchestratorHttp } from './orchestrator-http.ts';
import { OutputTail, ServiceProcess, freePort, type ProcessExit } from './service-process.ts';

export type { ProcessExit } from './service-process.ts';
export type OrchestratorName = `orchestrator-${number}`;
export type ServiceName<P extends string = string> = OrchestratorName | P;

/** Where the services' main files are, relative to `cwd` (or absolute). */
export interface ClusterMains<P extends string> {
  orchestrator: string;
  participant(name: P): string;
}

export interface ClusterOptions<S extends AnySystem = AnySystem> {
  /** The system the services belong to: its topology is asserted and cleaned up, its participants started. */
  system: S;
  mains: ClusterMains<ParticipantOf<S>>;
  /** Directory the processes run in. @default process.cwd() */
  cwd?: string;
  /** Environment of every process (on top of the test's own). @default {} */
  env?: Record<string, string>;
  /** Extra environment of single services at their first start, e.g. a crash point. @default {} */
  services?: Partial<Record<ServiceName<ParticipantOf<S>>, Record<string, string>>>;
  /** How many orchestrator instances to start, named orchestrator-1 … orchestrator-n. @default 1 */
  orchestrators?: number;
  /** Which participants to start. @default every participant of the system */
  participants?: readonly ParticipantOf<S>[];
  /** Prefix of the namespace, to tell runs apart in RabbitMQ and MongoDB. @default 'cluster' */
  label?: string;
  /** The namespace itself, when the test prepared it (e.g. its broker users); else a new one from `label`. */
  namespace?: string;
  /** How long a process may take to become ready. @default 45000 */
  readyTimeoutMs?: number;
}

export interface Cluster extends Omit<NamespaceClient, 'destroy'>, OrchestratorHttp {
  /** HTTP API of orchestrator-1 (getJson, waitForTerminal and metric use the first running instance). */
  httpUrl: string;
  httpUrlOf(instance: OrchestratorName): string;
  /** A counter sample of one instance; counters start at 0 again when that instance restarts. */
  metricOf(instance: OrchestratorName, name: string, labels: Record<string, string>): Promise<number>;
  /** Every service this cluster has started, in start order. */
  services(): ServiceName[];
  isRunning(service: ServiceName): boolean;
  /** The pid of the service's current process (e.g. to read its CPU time), undefined when it is not running. */
  pidOf(service: ServiceName): number | undefined;
  /** Starts a service that is not running — a stopped one, or a new orchestrator instance — and waits until it is ready. */
  start(service: ServiceName, env?: Record<string, string>): Promise<void>;
  /** Sends a signal to the service's process group and waits for it to exit. @default signal 'SIGKILL' */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<ProcessExit>;
  /** Waits for the service's current process to exit (e.g. at a crash point) and says how it ended. */
  waitForExit(service: ServiceName, timeoutMs?: number): Promise<ProcessExit>;
  /**
   * Stops the service if it runs (SIGTERM), starts it again with `env` as its only extra
   * environment — so `restart(s)` drops a crash point — and waits until it is ready.
   */
  restart(service: ServiceName, env?: Record<string, string>): Promise<void>;
  /** What the processes printed (one service, or all of them), for a failing test's message. */
  output(service?: ServiceName): string;
  /** Kills every process group, then deletes the namespace's queues, exchanges and databases. */
  stop(): Promise<void>;
}

const READY_LINE = '"msg":"participant ready"';

interface Member {
  process: ServiceProcess | undefined;
  port: number | undefined;
  output: OutputTail;
}

export async function startCluster<S extends AnySystem>(options: ClusterOptions<S>): Promise<Cluster> {
  const { system, mains } = options;
  const cwd = options.cwd ?? process.cwd();
  const client = await connectNamespaceClient(system, options.namespace ?? testNamespace(options.label ?? 'cluster'));
  const members = new Map<ServiceName, Member>();
  const sharedEnv = { LOG_LEVEL: 'info', ...options.env };
  const readyTimeoutMs = options.readyTimeoutMs ?? 45_000;
  const killAll = () => [...members.values()].forEach((m) => m.process?.signal('SIGKILL'));
  // A test runner that dies without afterAll must not leave services consuming a dead namespace.
  process.once('exit', killAll);

  const member = (service: ServiceName): Member => {
    const found = members.get(service);
    if (!found) throw new Error(`no service ${service} in this cluster (have ${[...members.keys()].join(', ')})`);
    return found;
  };
  const isOrchestrator = (service: ServiceName): service is OrchestratorName => service.startsWith('orchestrator-');
  const urlOf = (instance: OrchestratorName) => `http://127.0.0.1:${member(instance).port}`;
  const liveOrchestrator = (): OrchestratorName => {
    const names = [...members.keys()].filter(isOrchestrator);
    return names.find((n) => members.get(n)!.process?.running) ?? names[0] ?? 'orchestrator-1';
  };
  const withOutput = (error: unknown, service?: ServiceName) =>
    new Error(`${(error as Error).message}\n--- output${service ? ` of ${service}` : ''} ---\n${cluster.output(service)}`, { cause: error });

  const waitUntilReady = async (service: ServiceName, child: ServiceProcess, saidReady: () => boolean, logLevel: string) => {
    const logsReadiness = ['info', 'debug', 'trace'].includes(logLevel);
    const ready = async () => {
      // The API listens only after both consumers are running (main.ts).
      if (isOrchestrator(service)) return (await fetch(`${urlOf(service)}/healthz`).catch(() => undefined))?.ok === true;
      // "participant ready" is logged once the queue is consumed. Below log level info the line is
      // hidden: count consumers instead (which a just-killed predecessor may still inflate).
      return logsReadiness ? saidReady() : (await client.consumerCount(client.topology.queues.participants[service]!.name)) > 0;
    };
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      // A process that exited will not become ready: say so now rather than at the deadline.
      if (!child.running) throw new Error(`${service} exited while starting: ${JSON.stringify(await child.exited())}`);
      if (await ready()) return;
      if (Date.now() > deadline) throw new Error(`${service} not ready after ${readyTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const launch = async (service: ServiceName, env: Record<string, string>) => {
    const current = members.get(service) ?? { process: undefined, port: undefined, output: new OutputTail(40_000) };
    if (current.process?.running) throw new Error(`${service} is already running`);
    members.set(service, current);
    if (isOrchestrator(service)) current.port ??= await freePort();
    const main = isOrchestrator(service) ? mains.orchestrator : mains.participant(service as ParticipantOf<S>);
    const script = isAbsolute(main) ? main : join(cwd, main);
    current.output.append(`--- ${service} starting${Object.keys(env).length ? ` with ${JSON.stringify(env)}` : ''} ---\n`);
    const processEnv = {
      ...process.env,
      FORCE_COLOR: '0',
      ...sharedEnv,
      SAGA_NAMESPACE: client.namespace,
      ...(current.port !== undefined ? { HTTP_PORT: String(current.port) } : {}),
      ...env,
    };
    let saidReady = false;
    let carry = '';
    const onOutput = (text: string) => {
      current.output.append(text);
      // Chunks may split a line: look at the end of the previous chunk too.
      saidReady ||= (carry + text).includes(READY_LINE);
      carry = text.slice(-READY_LINE.length);
    };
    current.process = new ServiceProcess({ command: process.execPath, args: [script], cwd, env: processEnv, onOutput });
    try {
      await waitUntilReady(service, current.process, () => saidReady, processEnv.LOG_LEVEL ?? 'info');
    } catch (error) {
      throw withOutput(error, service);
    }
  };

  const http = orchestratorHttp(() => urlOf(liveOrchestrator()));
  const cluster: Cluster = {
    namespace: client.namespace,
    topology: client.topology,
    channel: client.channel,
    db: client.db,
    publish: client.publish,
    consumerCount: client.consumerCount,
    get httpUrl() {
      return urlOf('orchestrator-1');
    },
    httpUrlOf: urlOf,
    getJson: http.getJson,
    async waitForTerminal(sagaId, timeoutMs) {
      try {
        return await http.waitForTerminal(sagaId, timeoutMs);
      } catch (error) {
        throw withOutput(error);
      }
    },
    metric: http.metric,
    async metricOf(instance, name, labels) {
      return metricValue(await (await fetch(`${urlOf(instance)}/metrics`)).text(), name, labels);
    },
    services: () => [...members.keys()],
    isRunning: (service) => members.get(service)?.process?.running ?? false,
    pidOf: (service) => (members.get(service)?.process?.running ? members.get(service)?.process?.pid : undefined),
    start: (service, env = {}) => launch(service, env),
    async kill(service, signal = 'SIGKILL') {
      const child = member(service).process;
      if (!child) throw new Error(`${service} was never started`);
      return child.stop(signal);
    },
    async waitForExit(service, timeoutMs = 30_000) {
      const child = member(service).process;
      if (!child) throw new Error(`${service} was never started`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(withOutput(new Error(`${service} still running after ${timeoutMs} ms`), service)), timeoutMs);
      });
      try {
        return await Promise.race([child.exited(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async restart(service, env = {}) {
      await member(service).process?.stop('SIGTERM');
      await launch(service, env);
    },
    output(service) {
      const shown = service ? [service] : [...members.keys()];
      return shown.map((s) => `[${s}]\n${members.get(s)?.output.toString() ?? ''}`).join('\n');
    },
    async stop() {
      process.removeListener('exit', killAll);
      await Promise.all([...members.values()].map((m) => m.process?.stop('SIGKILL')));
      await client.destroy();
    },
  };

  try {
    const orchestrators = Array.from({ length: options.orchestrators ?? 1 }, (_, i): OrchestratorName => `orchestrator-${i + 1}`);
    // Participants first and one at a time: on two cores, five Node processes loading TypeScript
    // at once mostly wait for each other.
    for (const service of [...(options.participants ?? system.participants), ...orchestrators] as ServiceName<ParticipantOf<S>>[]) {
      await launch(service, options.services?.[service] ?? {});
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
