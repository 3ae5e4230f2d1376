import { defineConfig } from 'vitest/config';

/**
 * Three tiers, by file suffix: `*.unit.spec.ts` (pure, no I/O), `*.int.spec.ts` (real RabbitMQ and
 * MongoDB/FerretDB, one adapter at a time) and `*.e2e.spec.ts` (the whole system, started by the
 * README's command). `pnpm test` runs all three and also writes reports/vitest.json for CI.
 */
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.unit.spec.ts'],
          exclude: ['**/node_modules/**'],
          // A few unit specs parse the whole AsyncAPI document (2-3 s alone); on two busy cores that
          // can pass vitest's 5 s default without anything being wrong.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.spec.ts'],
          globalSetup: ['test-support/require-services.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.spec.ts'],
          globalSetup: ['test-support/require-services.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // Each e2e file starts the whole system (five processes); on two cores, one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
