/**
 * `pnpm chaos`: a seeded chaos run against RabbitMQ and MongoDB/FerretDB on this machine, then its
 * report; exits 1 on any violated invariant. Settings (environment):
 *   CHAOS_SEED (default: the time), CHAOS_SAGAS (60), CHAOS_ORCHESTRATORS (2),
 *   CHAOS_INJECT_MS (45000), CHAOS_FAULT_EVERY_MS (1500), CHAOS_BROKER_RESTART (1),
 *   CHAOS_POISON (10), CHAOS_CONVERGE_MS (180000)
 * The broker restart stops and starts the local RabbitMQ application: don't run it next to other
 * users of that broker (set CHAOS_BROKER_RESTART=0).
 */
import { formatReport, runChaos } from './run-chaos.ts';

const env = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    process.stderr.write(`${name} must be a whole number ≥ 0, got "${value}"\n`);
    process.exit(2);
  }
  return number;
};

const report = await runChaos({
  seed: env('CHAOS_SEED', Date.now() % 1_000_000),
  sagas: env('CHAOS_SAGAS', 60),
  orchestrators: Math.max(1, env('CHAOS_ORCHESTRATORS', 2)),
  injectForMs: env('CHAOS_INJECT_MS', 45_000),
  faultEveryMs: Math.max(100, env('CHAOS_FAULT_EVERY_MS', 1_500)),
  brokerRestart: env('CHAOS_BROKER_RESTART', 1) === 1,
  duplicateShare: 0.1,
  delayShare: 0.1,
  poisonMessages: env('CHAOS_POISON', 10),
  convergeTimeoutMs: env('CHAOS_CONVERGE_MS', 180_000),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${formatReport(report)}\n`);
process.exit(report.violations.length === 0 ? 0 : 1);
