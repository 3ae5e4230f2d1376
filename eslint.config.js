// Lint rules that make the architecture executable: the pure saga core imports no I/O, and the
// package graph only points one way (contracts ← runtime ← orchestrator / participants ← sandbox).
// The sandbox is a composition root over everything; nothing imports it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['node:*', 'fs', 'net', 'http', 'amqplib', 'amqp-connection-manager', 'mongodb', 'pino', '@saga/runtime', '@saga/runtime/*'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'reports/**', 'asyncapi/html/**', '.tools/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...IO_MODULES, '@saga/*'], message: 'contracts is pure zod: no I/O, no other package.' }] }],
    },
  },
  {
    files: ['orchestrator/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      // Any depth: a saga definition in domain/sagas/ must not reach ../../adapters either.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...IO_MODULES, '**/adapters', '**/adapters/**', '**/application', '**/application/**', '**/testing/**', '**/main.ts'], message: 'The saga domain is pure: it sees contracts and itself only.' }] },
      ],
    },
  },
  {
    files: ['runtime/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@saga/orchestrator', '@saga/inventory', '@saga/payment', '@saga/shipping', '@saga/notification', '@order-fulfilment/sandbox'], message: 'runtime sits below the services.' }] }],
    },
  },
  {
    files: ['orchestrator/src/**/*.ts'],
    ignores: ['orchestrator/src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@saga/inventory', '@saga/payment', '@saga/shipping', '@saga/notification', '@order-fulfilment/sandbox'], message: 'The orchestrator never imports a participant (nor the sandbox, which composes it with them).' }] }],
    },
  },
  {
    // The benchmark's floor is the flow written without the framework: it may import amqplib,
    // mongodb, node:* and its own files, nothing of the project's and nothing of the bench.
    files: ['e2e/bench/floor/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@saga/*', '../*', 'zod'], message: 'The floor imports no project code (plain amqplib and mongodb only).' }] }],
    },
  },
  ...['inventory', 'payment', 'shipping', 'notification'].map((p) => ({
    files: [`participants/${p}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@saga/orchestrator', '@order-fulfilment/sandbox', ...['inventory', 'payment', 'shipping', 'notification'].filter((o) => o !== p).map((o) => `@saga/${o}`)],
              message: 'A participant imports no other participant and not the orchestrator.',
            },
          ],
        },
      ],
    },
  })),
);
