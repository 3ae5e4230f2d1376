// Decides what ./run starts (see scripts/lib/decide-run.ts) and tells the shell script:
//   node scripts/run-system.ts [--sandbox | --real]
// stdout: `real` or `sandbox`, nothing else (./run execs the matching command, so that signals
// reach the system directly). stderr: the one line saying why. Exit 1 when it refuses (a configured
// server does not answer, or the sandbox is not in this checkout), 2 on bad arguments.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decideRun, parseRunArgs, SANDBOX_ENTRY, urlsToProbe, type RunRequest } from './lib/decide-run.ts';
import { probeUrl } from './lib/service-url.ts';

const parsed = parseRunArgs(process.argv.slice(2));
if ('usage' in parsed) {
  process.stderr.write(`${parsed.usage}\n`);
  process.exit(parsed.exitCode);
}

const request: RunRequest = {
  mode: parsed.mode,
  env: { AMQP_URL: process.env['AMQP_URL'], MONGO_URL: process.env['MONGO_URL'] },
  sandboxAvailable: existsSync(join(import.meta.dirname, '..', SANDBOX_ENTRY)),
};
const urls = urlsToProbe(request);
const probes = urls && { amqp: await probeUrl(urls.amqp), mongo: await probeUrl(urls.mongo) };
const decision = decideRun(request, probes);

process.stderr.write(`[run] ${decision.say}\n`);
if (decision.run === 'refuse') process.exit(1);
process.stdout.write(`${decision.run}\n`);
