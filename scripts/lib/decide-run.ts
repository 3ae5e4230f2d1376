/**
 * What `./run` starts: the real system (the orchestrator and every participant over RabbitMQ and
 * MongoDB) or the in-memory sandbox. Pure: the flags, the two URL variables and the probe results
 * come in as data; scripts/run-system.ts does the probing and the printing.
 *
 * The rule: configuration for the real system (`--real`, AMQP_URL or MONGO_URL) never falls back
 * to the sandbox — a server that does not answer is an error with its reason. Only with nothing
 * configured does a missing default server mean "show the sandbox".
 */
import { DEFAULT_AMQP_URL, DEFAULT_MONGO_URL, redactUrl, type Probe } from './service-url.ts';

export type RunMode = 'auto' | 'sandbox' | 'real';

export interface RunRequest {
  mode: RunMode;
  /** AMQP_URL and MONGO_URL as the environment has them; an empty value counts as unset. */
  env: { AMQP_URL?: string | undefined; MONGO_URL?: string | undefined };
  /** Whether sandbox/src/main.ts exists in this checkout. */
  sandboxAvailable: boolean;
}

export interface Probes {
  amqp: Probe;
  mongo: Probe;
}

/** `say` is the one line printed before starting (or instead of starting) anything. */
export type RunDecision = { run: 'real' | 'sandbox'; say: string } | { run: 'refuse'; say: string };

export const SANDBOX_ENTRY = 'sandbox/src/main.ts';

export const RUN_USAGE = `Usage: ./run [--sandbox | --real]
  (neither)  the real system if RabbitMQ and MongoDB answer at the defaults
             (${redactUrl(DEFAULT_AMQP_URL)}, ${DEFAULT_MONGO_URL}), else the in-memory sandbox
  --sandbox  the in-memory sandbox, whatever is configured
  --real     the real system; fails if RabbitMQ or MongoDB does not answer
Setting AMQP_URL or MONGO_URL means --real.`;

export function parseRunArgs(argv: readonly string[]): { mode: RunMode } | { usage: string; exitCode: 0 | 2 } {
  if (argv.some((arg) => arg === '-h' || arg === '--help')) return { usage: RUN_USAGE, exitCode: 0 };
  const unknown = argv.filter((arg) => arg !== '--sandbox' && arg !== '--real');
  if (unknown.length > 0) return { usage: `unknown argument ${unknown.map((a) => `'${a}'`).join(', ')}\n${RUN_USAGE}`, exitCode: 2 };
  const sandbox = argv.includes('--sandbox');
  const real = argv.includes('--real');
  if (sandbox && real) return { usage: `--sandbox and --real exclude each other\n${RUN_USAGE}`, exitCode: 2 };
  return { mode: sandbox ? 'sandbox' : real ? 'real' : 'auto' };
}

/** The URLs to probe before deciding, or `undefined` when the decision needs none (`--sandbox`). */
export function urlsToProbe(request: RunRequest): { amqp: string; mongo: string } | undefined {
  if (request.mode === 'sandbox') return undefined;
  return { amqp: set(request.env.AMQP_URL) ?? DEFAULT_AMQP_URL, mongo: set(request.env.MONGO_URL) ?? DEFAULT_MONGO_URL };
}

export function decideRun(request: RunRequest, probes: Probes | undefined): RunDecision {
  const amqpSet = set(request.env.AMQP_URL) !== undefined;
  const mongoSet = set(request.env.MONGO_URL) !== undefined;
  if (request.mode === 'sandbox') {
    const ignored = [amqpSet && 'AMQP_URL', mongoSet && 'MONGO_URL'].filter(Boolean).join(' and ');
    return sandbox(request, `--sandbox${ignored ? ` (${ignored} ignored)` : ''}`, '');
  }
  const urls = urlsToProbe(request);
  if (!urls || !probes) throw new Error('decideRun: probes are needed unless the mode is sandbox');

  if (request.mode === 'real' || amqpSet || mongoSet) {
    const why = request.mode === 'real' ? '--real' : [amqpSet && 'AMQP_URL', mongoSet && 'MONGO_URL'].filter(Boolean).join(' and ') + ' set';
    const problems = [
      !probes.amqp.ok && `no RabbitMQ answers at AMQP_URL=${redactUrl(urls.amqp)}${amqpSet ? '' : ' (the default)'}: ${probes.amqp.reason}`,
      !probes.mongo.ok && `no MongoDB answers at MONGO_URL=${redactUrl(urls.mongo)}${mongoSet ? '' : ' (the default)'}: ${probes.mongo.reason}`,
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) {
      return {
        run: 'refuse',
        say: `cannot start the real system (${why}): ${problems.join("; ")}. ${problems.length > 1 ? "Start them or correct the URLs" : "Start it or correct the URL"}; with AMQP_URL, MONGO_URL or --real, ./run never falls back to the sandbox.`,
      };
    }
    return { run: 'real', say: `${why}: starting the real system (the orchestrator and every participant) on ${redactUrl(urls.amqp)} and ${redactUrl(urls.mongo)}.` };
  }

  if (probes.amqp.ok && probes.mongo.ok) {
    return { run: 'real', say: `RabbitMQ answers at ${redactUrl(urls.amqp)} and MongoDB at ${urls.mongo}: starting the real system (the orchestrator and every participant). Pass --sandbox for the in-memory one.` };
  }
  const missing = [!probes.amqp.ok && `no RabbitMQ at ${redactUrl(urls.amqp)}`, !probes.mongo.ok && `no MongoDB at ${urls.mongo}`].filter(Boolean).join(' and ');
  const unset = !probes.amqp.ok && !probes.mongo.ok ? 'neither AMQP_URL nor MONGO_URL is set' : !probes.amqp.ok ? 'AMQP_URL is not set' : 'MONGO_URL is not set';
  return sandbox(request, `${missing} and ${unset}`, ' Set AMQP_URL and MONGO_URL or pass --real to run the real system.');
}

function sandbox(request: RunRequest, why: string, hint: string): RunDecision {
  if (request.sandboxAvailable) return { run: 'sandbox', say: `${why}: starting the in-memory sandbox; nothing is durable.${hint}` };
  return {
    run: 'refuse',
    say: `${why}: the in-memory sandbox would start, but it is not in this checkout (${SANDBOX_ENTRY} is missing). Start RabbitMQ and MongoDB (or set AMQP_URL and MONGO_URL) and run ./run --real.`,
  };
}

function set(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
