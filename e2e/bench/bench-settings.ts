/** Every setting of `pnpm bench`, from the environment; see saga-throughput.ts for what each means. */
export interface BenchSettings {
  quick: boolean;
  rounds: number;
  refusedFraction: number;
  warmup: number;
  /** Closed-loop drives start no new saga after this long. */
  driveStartForMs: number;
  closedLoop: Array<{ inFlight: number; sagas: number; happyOnly: boolean }>;
  batch: number;
  ladder: { rates: number[]; seconds: number; drainMs: number; maxP99Ms: number };
  stored: number[];
  storedDrive: { inFlight: number; sagas: number };
  orchestrators: number;
  partitions: number;
  prefetch: number;
  logLevel: string;
  detector: 'auto' | 'replies' | 'events';
  deadlineMs: number;
  /** No new round (or stored drive) starts when it would likely end past this, s after the start. */
  budgetSeconds: number;
  systems: Array<'floor' | 'project'>;
}

const numbers = (text: string) => text.split(',').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n) && n > 0);

export function benchSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const quick = env['BENCH_QUICK'] === '1';
  const int = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${value}`);
    return n;
  };
  const detector = env['BENCH_DETECTOR'] ?? 'auto';
  if (detector !== 'auto' && detector !== 'replies' && detector !== 'events') throw new Error('BENCH_DETECTOR must be auto, replies or events');
  const systems = (env['BENCH_SYSTEMS'] ?? 'floor,project').split(',').map((s) => s.trim());
  if (systems.some((s) => s !== 'floor' && s !== 'project')) throw new Error('BENCH_SYSTEMS names floor and/or project');
  return {
    quick,
    rounds: int('BENCH_ROUNDS', quick ? 1 : 3),
    refusedFraction: int('BENCH_REFUSED', 0.1),
    // Enough to open every customer's account (50), so no measured drive pays for that.
    warmup: int('BENCH_WARMUP', 50),
    driveStartForMs: int('BENCH_DRIVE_SECONDS', quick ? 15 : 30) * 1000,
    closedLoop: [
      { inFlight: 1, sagas: int('BENCH_C1_SAGAS', quick ? 10 : 20), happyOnly: true },
      { inFlight: 16, sagas: int('BENCH_C16_SAGAS', quick ? 64 : 160), happyOnly: false },
      { inFlight: 64, sagas: int('BENCH_C64_SAGAS', quick ? 96 : 192), happyOnly: false },
    ],
    batch: int('BENCH_BATCH', quick ? 100 : 200),
    ladder: {
      rates: numbers(env['BENCH_RATES'] ?? (quick ? '10,20,40' : '10,20,40,60,80')),
      seconds: int('BENCH_RATE_SECONDS', quick ? 3 : 4),
      drainMs: int('BENCH_DRAIN_MS', quick ? 10_000 : 15_000),
      maxP99Ms: int('BENCH_LADDER_MAX_P99_MS', 5_000),
    },
    stored: storedLevels(env['BENCH_STORED'], quick),
    storedDrive: { inFlight: 16, sagas: int('BENCH_STORED_SAGAS', 48) },
    orchestrators: int('BENCH_ORCHESTRATORS', 1),
    partitions: int('SAGA_PARTITIONS', 4),
    prefetch: int('PREFETCH', 32),
    logLevel: env['BENCH_LOG_LEVEL'] ?? 'warn',
    detector,
    deadlineMs: int('BENCH_DEADLINE_MS', 120_000),
    budgetSeconds: int('BENCH_BUDGET_SECONDS', quick ? 240 : 600),
    systems: systems as BenchSettings['systems'],
  };
}

/** BENCH_STORED: unset → 1 000 (none when quick); 1 → 1 000 and 50 000; 0 → none; else a list of levels. */
function storedLevels(value: string | undefined, quick: boolean): number[] {
  if (value === undefined || value === '') return quick ? [] : [1_000];
  if (value === '0') return [];
  if (value === '1') return [1_000, 50_000];
  return numbers(value).sort((a, b) => a - b);
}
