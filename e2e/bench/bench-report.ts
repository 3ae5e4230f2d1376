import { median, round } from './bench-stats.ts';
import type { BenchSettings } from './bench-settings.ts';
import { storedPerSaga, type BenchSummary, type CommandsPerSaga, type DriveSummary } from './bench-summary.ts';
import type { StoredDrive } from './stored-round.ts';
import type { SystemRound } from './system-round.ts';

/** Everything one `pnpm bench` measured, as written to reports/bench/<timestamp>.json. */
export interface BenchRun {
  startedAt: string;
  durationSeconds: number;
  machine: { cores: number; cpuModel: string; memoryGiB: number; loadBefore: number[]; loadAfter: number[] };
  versions: Record<string, string>;
  settings: BenchSettings & { amqpUrl: string; mongoUrl: string; detectorUsed: string };
  /** CPU of the shared RabbitMQ before anything of ours ran: other users' load on it. */
  brokerBackgroundMsPerSecond: number | undefined;
  /** What did not run as asked, e.g. rounds cut by the time budget. */
  notes: string[];
  rounds: SystemRound[];
  stored: StoredDrive[];
  summary: BenchSummary;
}

const LABELS: Record<string, string> = { 'closed-1': '1 in flight (happy only)', 'closed-16': '16 in flight', 'closed-64': '64 in flight' };
const label = (name: string) => LABELS[name] ?? (name.startsWith('batch-') ? `batch of ${name.slice(6)}` : name.startsWith('open-') ? `open loop ${name.slice(5)}/s` : name);
const n = (value: number | undefined, digits = 3) => (value === undefined ? '—' : String(round(value, digits)));
const x = (value: number | undefined) => (value === undefined ? '—' : `${round(value, 2)}×`);
const ms = (d: DriveSummary | undefined) => (d ? `${n(d.p50)} / ${n(d.p95)} / ${n(d.p99)} / ${n(d.max)}` : '—');
const flag = (d: DriveSummary | undefined) => (d && (d.unfinished || d.unexpected) ? ` ⚠ ${d.unfinished} unfinished, ${d.unexpected} unexpected` : '');
const commands = (c: CommandsPerSaga) => Object.entries(c.byCommand).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${n(v, 2)}`).join(', ') || '—';
const CPU_KEYS = ['orchestrator', 'inventory', 'payment', 'shipping', 'notification', 'rabbitmq', 'ferretdb', 'postgres', 'driver'];

export function renderMarkdown(run: BenchRun): string {
  const { summary, settings, machine, versions } = run;
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  line(`# pnpm bench — ${run.startedAt}${settings.quick ? ' (BENCH_QUICK=1)' : ''}`);
  line();
  line(`- Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB; load average ${machine.loadBefore.map((l) => l.toFixed(2)).join(' / ')} before, ${machine.loadAfter.map((l) => l.toFixed(2)).join(' / ')} after (1/5/15 min); ${Math.round(run.durationSeconds)} s in all.`);
  line(`- Versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  line(`- Settings: ${settings.rounds} round(s), floor and project alternating (the order swapped every round), each system freshly started in its own namespace per round; refused ${Math.round(settings.refusedFraction * 100)} % (every drive but 1 in flight); warm-up ${settings.warmup}; closed loop ${settings.closedLoop.map((c) => `${c.inFlight}×${c.sagas}`).join(', ')} (in flight × sagas); batch ${settings.batch}; open loop ${settings.ladder.rates.join(', ')}/s for ${settings.ladder.seconds} s each (stop after a rung with p99 > ${settings.ladder.maxP99Ms} ms, sagas left, or under 75 % of the rate achieved); project: ${settings.orchestrators} orchestrator(s), ${settings.partitions} partitions, LOG_LEVEL ${settings.logLevel}; PREFETCH ${settings.prefetch}; completion detector: ${settings.detectorUsed}.`);
  const shares = summary.drives.flatMap((d) => [d.floor?.otherShare, d.project?.otherShare]).filter((v): v is number => v !== undefined);
  line(`- How busy the machine was: during the drives, processes other than ours took ${n((median(shares) ?? 0) * 100, 2)} % of its busy time (median over drives; range ${n(Math.min(...shares) * 100, 2)}–${n(Math.max(...shares) * 100, 2)} %). The shared RabbitMQ used ${n(run.brokerBackgroundMsPerSecond)} ms CPU/s before the run, for other users.`);
  for (const note of run.notes) line(`- Note: ${note}`);
  line();
  line('Medians over rounds. Latency from each saga\'s scheduled start to the tap seeing its end, ms. Closed-loop throughput counts the sagas that ended while every slot was busy.');
  line();
  line('## Throughput and latency');
  line();
  line('| drive | sagas floor / project | floor sagas/s | project sagas/s | project/floor | floor p50 / p95 / p99 / max | project p50 / p95 / p99 / max | p99 project/floor |');
  line('|---|---:|---:|---:|---:|---|---|---:|');
  for (const d of summary.drives) {
    line(`| ${label(d.name)} | ${n(d.floor?.started)} / ${n(d.project?.started)} | ${n(d.floor?.throughput)}${flag(d.floor)} | ${n(d.project?.throughput)}${flag(d.project)} | ${x(d.throughputRatio)} | ${ms(d.floor)} | ${ms(d.project)} | ${x(d.p99Ratio)} |`);
  }
  line();
  line('## CPU ms per saga');
  line();
  line(`| drive | system | ${CPU_KEYS.join(' | ')} | all of these | other on the machine |`);
  line(`|---|---|${CPU_KEYS.map(() => '---:').join('|')}|---:|---:|`);
  for (const d of summary.drives) {
    for (const [kind, s] of [['floor', d.floor], ['project', d.project]] as const) {
      if (!s) continue;
      const total = CPU_KEYS.reduce((a, k) => a + (s.cpuPerSaga[k] ?? 0), 0);
      line(`| ${label(d.name)} | ${kind} | ${CPU_KEYS.map((k) => n(s.cpuPerSaga[k], 2)).join(' | ')} | ${n(total)} | ${n(s.cpuPerSaga['other'], 2)} (${n((s.otherShare ?? 0) * 100, 2)} %) |`);
    }
  }
  line();
  line('RabbitMQ is shared with everyone on this machine: its figure includes their messages. PostgreSQL is the backends FerretDB holds on its database.');
  line();
  line('## Database commands per saga');
  line();
  line('| drive | system | orchestrator writes | orchestrator reads | orchestrator by command | participants writes | participants reads | participants by command |');
  line('|---|---|---:|---:|---|---:|---:|---|');
  for (const d of summary.drives) {
    for (const [kind, s] of [['floor', d.floor], ['project', d.project]] as const) {
      if (!s) continue;
      line(`| ${label(d.name)} | ${kind} | ${n(s.orchestrator.writes, 2)} | ${n(s.orchestrator.reads, 2)} | ${commands(s.orchestrator)} | ${n(s.participants.writes, 2)} | ${n(s.participants.reads, 2)} | ${commands(s.participants)} |`);
    }
  }
  line();
  line('Writes: insert, update, delete, findAndModify; reads: find, aggregate, count, getMore. The project\'s orchestrator reads include its sweeper (two finds a second on every instance).');
  line();
  line('## Saga store (each system\'s whole round, median)');
  line();
  line('| system | saga document bytes avg / max | sagas stored at the end | saga table seq scans / saga | rows read / saga | rows per scan | index scans / saga | all its tables: seq scans / saga | rows read / saga |');
  line('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [kind, s] of [['floor', summary.store.floor], ['project', summary.store.project]] as const) {
    if (!s) continue;
    line(`| ${kind} | ${n(s.avgDocBytes)} / ${n(s.maxDocBytes)} | ${n(s.storedAtEnd)} | ${n(s.sagaSeqScans)} | ${n(s.sagaRowsRead)} | ${n(s.sagaRowsPerScan)} | ${n(s.sagaIdxScans)} | ${n(s.namespaceSeqScans)} | ${n(s.namespaceRowsRead)} |`);
  }
  line();
  line('PostgreSQL\'s pg_stat_user_tables for the tables FerretDB keeps the collections in, read 11 s after the load (PostgreSQL publishes an idle backend\'s counters only then), divided by every saga the round started. Rows read grow with the sagas stored (rows per scan ≈ the table\'s size then): compare systems by scans per saga, or in the stored-sagas drive.');
  if (run.stored.length > 0) {
    line();
    line(`## Sagas already stored (closed loop ${settings.storedDrive.inFlight} in flight, ${settings.storedDrive.sagas} happy sagas, one round)`);
    line();
    line('| stored | system | sagas/s | p50 / p99 ms | saga table seq scans / saga | rows read / saga | all its tables: seq scans / saga | rows read / saga | orchestrator commands / saga | pre-load s |');
    line('|---:|---|---:|---|---:|---:|---:|---:|---:|---:|');
    for (const s of run.stored) {
      const p = storedPerSaga(s);
      const ended = s.drive.completed + s.drive.compensated;
      const orchestratorCommands = s.drive.usage && ended ? Object.values(s.drive.usage.commands.orchestrator).reduce((a, b) => a + b, 0) / ended : undefined;
      line(`| ${s.stored} | ${s.kind} | ${n(s.drive.throughput)}${s.drive.unfinished ? ` ⚠ ${s.drive.unfinished} unfinished` : ''} | ${n(s.drive.latency.p50)} / ${n(s.drive.latency.p99)} | ${n(p.seqScans)} | ${n(p.rowsRead)} | ${n(p.nsSeqScans)} | ${n(p.nsRowsRead)} | ${n(orchestratorCommands)} | ${n(s.preloadSeconds, 2)} |`);
    }
  }
  line();
  line('## Targets for the project (informational; no test asserts them)');
  line();
  line('| target | floor | project | met |');
  line('|---|---:|---:|---|');
  for (const t of targets(run)) line(`| ${t.target} | ${t.floor} | ${t.project} | ${t.met} |`);
  line();
  line('## Correctness');
  line();
  line('| round | system | started | completed | compensated | unexpected | unfinished | effects (stock, charges, shipments, confirmations) |');
  line('|---:|---|---:|---:|---:|---:|---:|---|');
  for (const r of run.rounds) {
    const c = r.correctness;
    line(`| ${r.round} | ${r.kind} | ${c.started} | ${c.completed} | ${c.compensated} | ${c.unexpected} | ${c.unfinished} | ${c.effectMismatches.length === 0 ? 'exactly as the outcomes say' : c.effectMismatches.join('; ')} |`);
  }
  return `${out.join('\n')}\n`;
}

interface TargetRow {
  target: string;
  floor: string;
  project: string;
  met: string;
}

export function targets(run: BenchRun): TargetRow[] {
  const drive = (name: string) => run.summary.drives.find((d) => d.name === name);
  const batchName = run.summary.drives.find((d) => d.name.startsWith('batch-'))?.name ?? 'batch-200';
  const yes = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'yes' : 'no');
  const c16 = drive('closed-16');
  const b = drive(batchName);
  const c1 = drive('closed-1');
  const rows: TargetRow[] = [
    { target: 'throughput ≥ 0.7× the floor at 16 in flight', floor: n(c16?.floor?.throughput), project: `${n(c16?.project?.throughput)} (${x(c16?.throughputRatio)})`, met: yes(c16?.throughputRatio === undefined ? undefined : c16.throughputRatio >= 0.7) },
    { target: `throughput ≥ 0.7× the floor at a ${label(batchName)}`, floor: n(b?.floor?.throughput), project: `${n(b?.project?.throughput)} (${x(b?.throughputRatio)})`, met: yes(b?.throughputRatio === undefined ? undefined : b.throughputRatio >= 0.7) },
    { target: 'p99 at 16 in flight ≤ 2× the floor\'s', floor: `${n(c16?.floor?.p99)} ms`, project: `${n(c16?.project?.p99)} ms (${x(c16?.p99Ratio)})`, met: yes(c16?.p99Ratio === undefined ? undefined : c16.p99Ratio <= 2) },
    { target: 'orchestrator: ≤ 5 database writes per happy saga (one per transition)', floor: n(c1?.floor?.orchestrator.writes), project: n(c1?.project?.orchestrator.writes), met: yes(c1?.project ? (c1.project.orchestrator.writes ?? Infinity) <= 5.05 : undefined) },
    { target: 'participants: ≤ 4 database writes per happy saga (one per command)', floor: n(c1?.floor?.participants.writes), project: n(c1?.project?.participants.writes), met: yes(c1?.project ? (c1.project.participants.writes ?? Infinity) <= 4.05 : undefined) },
    { target: 'orchestrator: no database read per transition (reads per happy saga, sweeper included)', floor: n(c1?.floor?.orchestrator.reads), project: n(c1?.project?.orchestrator.reads), met: yes(c1?.project ? (c1.project.orchestrator.reads ?? Infinity) < 0.5 : undefined) },
  ];
  const levels = [...new Set(run.stored.map((s) => s.stored))].sort((a, b) => a - b);
  if (levels.length >= 2) {
    const [low, high] = [levels[0]!, levels.at(-1)!];
    const at = (kind: string, level: number) => run.stored.find((s) => s.kind === kind && s.stored === level);
    const cell = (kind: string) => {
      const [l, h] = [at(kind, low), at(kind, high)];
      return l && h ? `${n(storedPerSaga(l).nsSeqScans)} → ${n(storedPerSaga(h).nsSeqScans)} scans, ${n(storedPerSaga(l).nsRowsRead)} → ${n(storedPerSaga(h).nsRowsRead)} rows` : '—';
    };
    const p = [at('project', low), at('project', high)];
    const [lo, hi] = [p[0] && storedPerSaga(p[0]), p[1] && storedPerSaga(p[1])];
    // "The same" within 10 %: the counters carry a sweeper that scans by time, not by saga.
    const same =
      lo?.nsRowsRead !== undefined && hi?.nsRowsRead !== undefined && lo.nsSeqScans !== undefined && hi.nsSeqScans !== undefined
        ? hi.nsRowsRead <= lo.nsRowsRead * 1.1 + 1 && hi.nsSeqScans <= lo.nsSeqScans * 1.1 + 0.1
        : undefined;
    rows.push({ target: `seq scans and rows read per saga the same with ${low} and ${high} sagas stored`, floor: cell('floor'), project: cell('project'), met: yes(same) });
  } else {
    rows.push({ target: 'seq scans and rows read per saga the same with 1 000 and 50 000 sagas stored', floor: '—', project: '—', met: 'not measured (BENCH_STORED=1)' });
  }
  return rows;
}
