import { performance } from 'node:perf_hooks';
import type { BenchSystem } from './bench-system.ts';
import { cpuMsOf, machineBusyMs } from './process-cpu.ts';
import type { PostgresProbe } from './postgres-probe.ts';
import { metricSamples } from './prometheus-text.ts';

/** What the meter reads at one moment. */
export interface MeterSnapshot {
  at: number;
  /** CPU ms so far per process of the system, by name (orchestrator-1, inventory, …, or the floor's names). */
  processes: Record<string, { role: string; cpuMs: number | undefined }>;
  rabbitmqMs: number | undefined;
  ferretdbMs: number | undefined;
  /** CPU ms per FerretDB backend; undefined when PostgreSQL could not be asked for them. */
  postgres: Map<number, number> | undefined;
  driverMs: number;
  machineMs: number;
  commands: Record<string, Record<string, number>>;
  finished: number;
}

/** CPU and database commands between two snapshots. */
export interface Usage {
  seconds: number;
  /** CPU ms: orchestrator (all instances), each participant, rabbitmq, ferretdb, postgres, driver, machine, other. */
  cpuMs: Record<string, number>;
  /** CPU ms of each process of the system (each orchestrator instance on its own). */
  cpuByProcess: Record<string, number>;
  commands: { orchestrator: Record<string, number>; participants: Record<string, number>; byProcess: Record<string, Record<string, number>> };
}

export interface SharedPids {
  rabbitmq: number | undefined;
  ferretdb: number | undefined;
}

/**
 * Reads every process's CPU time from /proc and every process's database command counters from
 * its /metrics. RabbitMQ is shared with other users of this machine, so its figure includes their
 * work; PostgreSQL is the sum of the backends FerretDB holds on its database (autovacuum and the
 * WAL writer serve every database and are not counted). `other` is the machine's busy time minus
 * everything named: what the rest of the machine did meanwhile.
 */
export class ResourceMeter {
  readonly #system: BenchSystem;
  readonly #shared: SharedPids;
  readonly #postgres: PostgresProbe | undefined;

  constructor(system: BenchSystem, shared: SharedPids, postgres: PostgresProbe | undefined) {
    this.#system = system;
    this.#shared = shared;
    this.#postgres = postgres;
  }

  async snapshot(): Promise<MeterSnapshot> {
    const processes = this.#system.processes();
    const scraped = await Promise.all(processes.map(async (p) => [p.name, await fetch(p.metricsUrl).then((r) => r.text()).catch(() => '')] as const));
    const backends = this.#postgres ? await this.#postgres.ferretdbBackends().catch(() => undefined) : [];
    const cpu = process.cpuUsage();
    return {
      at: performance.now(),
      processes: Object.fromEntries(processes.map((p) => [p.name, { role: p.role, cpuMs: cpuMsOf(p.pid) }])),
      rabbitmqMs: this.#shared.rabbitmq === undefined ? undefined : cpuMsOf(this.#shared.rabbitmq),
      ferretdbMs: this.#shared.ferretdb === undefined ? undefined : cpuMsOf(this.#shared.ferretdb),
      postgres: backends && new Map(backends.flatMap((pid) => {
        const ms = cpuMsOf(pid);
        return ms === undefined ? [] : [[pid, ms] as const];
      })),
      driverMs: (cpu.user + cpu.system) / 1000,
      machineMs: machineBusyMs(),
      commands: Object.fromEntries(scraped.map(([name, text]) => [name, Object.fromEntries(metricSamples(text, 'saga_db_commands_total', 'command'))])),
      finished: processes
        .filter((p) => p.role === 'orchestrator')
        .reduce((sum, p) => sum + [...metricSamples(scraped.find(([n]) => n === p.name)?.[1] ?? '', 'saga_finished_total', 'status').values()].reduce((a, b) => a + b, 0), 0),
    };
  }

  /** The orchestrators' count of sagas that reached a terminal status, summed over instances. */
  async finished(): Promise<number> {
    const orchestrators = this.#system.processes().filter((p) => p.role === 'orchestrator');
    const texts = await Promise.all(orchestrators.map((p) => fetch(p.metricsUrl).then((r) => r.text()).catch(() => '')));
    return texts.reduce((sum, text) => sum + [...metricSamples(text, 'saga_finished_total', 'status').values()].reduce((a, b) => a + b, 0), 0);
  }
}

export function usageBetween(before: MeterSnapshot, after: MeterSnapshot): Usage {
  const cpuMs: Record<string, number> = {};
  const add = (key: string, ms: number | undefined) => {
    if (ms !== undefined && Number.isFinite(ms)) cpuMs[key] = (cpuMs[key] ?? 0) + ms;
  };
  const cpuByProcess: Record<string, number> = {};
  for (const [name, { role, cpuMs: ms }] of Object.entries(after.processes)) {
    const was = before.processes[name]?.cpuMs;
    if (ms === undefined || was === undefined) continue;
    cpuByProcess[name] = ms - was;
    add(role === 'orchestrator' ? 'orchestrator' : name, ms - was);
  }
  if (after.rabbitmqMs !== undefined && before.rabbitmqMs !== undefined) add('rabbitmq', after.rabbitmqMs - before.rabbitmqMs);
  if (after.ferretdbMs !== undefined && before.ferretdbMs !== undefined) add('ferretdb', after.ferretdbMs - before.ferretdbMs);
  // A backend FerretDB opened during the drive counts from 0; one it closed during the drive is lost.
  if (after.postgres && before.postgres) {
    let postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
    cpuMs['postgres'] = postgres;
  }
  add('driver', after.driverMs - before.driverMs);
  const machine = after.machineMs - before.machineMs;
  const named = Object.values(cpuMs).reduce((a, b) => a + b, 0);
  cpuMs['machine'] = machine;
  cpuMs['other'] = Math.max(0, machine - named);

  const byProcess: Record<string, Record<string, number>> = {};
  const orchestrator: Record<string, number> = {};
  const participants: Record<string, number> = {};
  for (const [name, counts] of Object.entries(after.commands)) {
    const delta: Record<string, number> = {};
    for (const [command, n] of Object.entries(counts)) {
      const d = n - (before.commands[name]?.[command] ?? 0);
      if (d > 0) delta[command] = d;
    }
    byProcess[name] = delta;
    const into = after.processes[name]?.role === 'orchestrator' ? orchestrator : participants;
    for (const [command, d] of Object.entries(delta)) into[command] = (into[command] ?? 0) + d;
  }
  return { seconds: (after.at - before.at) / 1000, cpuMs, cpuByProcess, commands: { orchestrator, participants, byProcess } };
}
