// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts every service as its own process.
import { expect, it } from 'vitest';
import { formatReport, runChaos } from './chaos/run-chaos.ts';

/**
 * A short seeded chaos run: two orchestrators, scripted sagas, kill -9 at random and at crash
 * points, connections closed, duplicated and delayed messages, poison. No broker restart here — it
 * would disturb the other test files sharing this RabbitMQ; `pnpm chaos` does it.
 */
it('keeps every invariant through a short seeded chaos run', { timeout: 240_000 }, async () => {
  const report = await runChaos({
    seed: 20_261_122,
    sagas: 16,
    orchestrators: 2,
    injectForMs: 12_000,
    faultEveryMs: 1_500,
    brokerRestart: false,
    duplicateShare: 0.15,
    delayShare: 0.1,
    poisonMessages: 4,
    convergeTimeoutMs: 120_000,
    log: () => undefined,
  });
  expect(report.violations, formatReport(report)).toEqual([]);
  expect(report.outcomes).toEqual(report.expected);
  expect(report.deadLetters).toEqual({ expected: 4, found: expect.any(Number) });
  expect(Object.keys(report.faults).length).toBeGreaterThan(2);
});
