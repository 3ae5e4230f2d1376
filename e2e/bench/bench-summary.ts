import { median, medianByKey, ratio } from './bench-stats.ts';
import type { DriveResult } from './drive-result.ts';
import type { StoredDrive } from './stored-round.ts';
import type { SystemRound } from './system-round.ts';

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);
const READS = new Set(['find', 'aggregate', 'count', 'distinct', 'getMore']);

/** Medians over rounds of one drive of one system. */
export interface DriveSummary {
  rounds: number;
  /** Sagas started per round (median): a time-capped closed loop may start fewer than asked. */
  started: number | undefined;
  throughput: number | undefined;
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
  unfinished: number;
  unexpected: number;
  /** CPU ms per ended saga, by process (orchestrator, inventory, …, rabbitmq, ferretdb, postgres, driver, other). */
  cpuPerSaga: Record<string, number>;
  /** Share of the machine's busy time that was none of ours, 0…1. */
  otherShare: number | undefined;
  orchestrator: CommandsPerSaga;
  participants: CommandsPerSaga;
}

export interface CommandsPerSaga {
  writes: number | undefined;
  reads: number | undefined;
  byCommand: Record<string, number>;
}

export interface StoreSummary {
  avgDocBytes: number | undefined;
  maxDocBytes: number | undefined;
  sagaSeqScans: number | undefined;
  sagaRowsRead: number | undefined;
  /** Rows a sequential scan of the saga table read on average: the table's size when scanned. */
  sagaRowsPerScan: number | undefined;
  /** Sagas in the saga collection at the end of the round. */
  storedAtEnd: number | undefined;
  sagaIdxScans: number | undefined;
  namespaceSeqScans: number | undefined;
  namespaceRowsRead: number | undefined;
}

export interface BenchSummary {
  drives: Array<{ name: string; floor: DriveSummary | undefined; project: DriveSummary | undefined; throughputRatio: number | undefined; p99Ratio: number | undefined }>;
  store: { floor: StoreSummary | undefined; project: StoreSummary | undefined };
}

const ended = (d: DriveResult) => d.completed + d.compensated;

function perSaga(counts: Record<string, number>, sagas: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, sagas > 0 ? v / sagas : 0]));
}

function commandsPerSaga(drives: DriveResult[], side: 'orchestrator' | 'participants'): CommandsPerSaga {
  const rounds = drives.filter((d) => d.usage && ended(d) > 0).map((d) => perSaga(d.usage!.commands[side], ended(d)));
  const sum = (r: Record<string, number>, set: Set<string>) => Object.entries(r).reduce((a, [k, v]) => a + (set.has(k) ? v : 0), 0);
  return { writes: median(rounds.map((r) => sum(r, WRITES))), reads: median(rounds.map((r) => sum(r, READS))), byCommand: medianByKey(rounds) };
}

export function summarizeDrive(drives: DriveResult[]): DriveSummary | undefined {
  if (drives.length === 0) return undefined;
  const metered = drives.filter((d) => d.usage && ended(d) > 0);
  return {
    rounds: drives.length,
    started: median(drives.map((d) => d.started)),
    throughput: median(drives.map((d) => d.throughput)),
    p50: median(drives.map((d) => d.latency.p50)),
    p95: median(drives.map((d) => d.latency.p95)),
    p99: median(drives.map((d) => d.latency.p99)),
    max: median(drives.map((d) => d.latency.max)),
    unfinished: drives.reduce((a, d) => a + d.unfinished, 0),
    unexpected: drives.reduce((a, d) => a + d.unexpected, 0),
    cpuPerSaga: medianByKey(metered.map((d) => perSaga(d.usage!.cpuMs, ended(d)))),
    otherShare: median(metered.map((d) => (d.usage!.cpuMs['machine'] ? d.usage!.cpuMs['other']! / d.usage!.cpuMs['machine'] : Number.NaN))),
    orchestrator: commandsPerSaga(drives, 'orchestrator'),
    participants: commandsPerSaga(drives, 'participants'),
  };
}

function summarizeStore(rounds: SystemRound[]): StoreSummary | undefined {
  if (rounds.length === 0) return undefined;
  const per = (f: (r: SystemRound) => number | undefined) =>
    median(rounds.map((r) => {
      const value = f(r);
      return r.store.sagas > 0 && value !== undefined ? value / r.store.sagas : Number.NaN;
    }));
  return {
    avgDocBytes: median(rounds.map((r) => r.store.avgDocBytes)),
    maxDocBytes: median(rounds.map((r) => r.store.maxDocBytes)),
    sagaSeqScans: per((r) => r.store.sagaTable?.seqScan),
    sagaRowsRead: per((r) => r.store.sagaTable?.seqTupRead),
    sagaRowsPerScan: median(rounds.map((r) => (r.store.sagaTable && r.store.sagaTable.seqScan > 0 ? r.store.sagaTable.seqTupRead / r.store.sagaTable.seqScan : Number.NaN))),
    storedAtEnd: median(rounds.map((r) => r.store.sagas)),
    sagaIdxScans: per((r) => r.store.sagaTable?.idxScan),
    namespaceSeqScans: per((r) => r.store.namespaceTables?.seqScan),
    namespaceRowsRead: per((r) => r.store.namespaceTables?.seqTupRead),
  };
}

export function summarize(rounds: SystemRound[]): BenchSummary {
  const names: string[] = [];
  for (const round of rounds) for (const d of round.drives) if (!names.includes(d.name)) names.push(d.name);
  const of = (kind: 'floor' | 'project', name: string) => summarizeDrive(rounds.filter((r) => r.kind === kind).flatMap((r) => r.drives.filter((d) => d.name === name)));
  return {
    drives: names.map((name) => {
      const floor = of('floor', name);
      const project = of('project', name);
      return { name, floor, project, throughputRatio: ratio(project?.throughput, floor?.throughput), p99Ratio: ratio(project?.p99, floor?.p99) };
    }),
    store: { floor: summarizeStore(rounds.filter((r) => r.kind === 'floor')), project: summarizeStore(rounds.filter((r) => r.kind === 'project')) },
  };
}

/** Per-saga table counters of a stored drive. */
export function storedPerSaga(s: StoredDrive): { seqScans?: number; rowsRead?: number; nsSeqScans?: number; nsRowsRead?: number } {
  const n = s.drive.started || 1;
  return {
    ...(s.sagaTable ? { seqScans: s.sagaTable.seqScan / n, rowsRead: s.sagaTable.seqTupRead / n } : {}),
    ...(s.namespaceTables ? { nsSeqScans: s.namespaceTables.seqScan / n, nsRowsRead: s.namespaceTables.seqTupRead / n } : {}),
  };
}
