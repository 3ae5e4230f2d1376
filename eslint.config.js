// Lint rules that make the architecture executable: the pure saga core imports no I/O, and the
// package graph only points one way (contracts ← runtime ← orchestrator / participants ← sandbox).
// The sandbox is a composition root over everything; nothing imports it.
// Between framework, apps and participants the rule is `saga/boundaries` (scripts/lib/boundaries.ts),
// computed from the workspace's folders at lint time: no list here names a participant.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './scripts/lib/eslint-boundaries.ts';

const IO_MODULES = ['node:*', 'fs', 'net', 'http', 'amqplib', 'amqp-connection-manager', 'mongodb', 'pino', '@saga/runtime', '@saga/runtime/*'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'reports/**', 'asyncapi/html/**', '.tools/**', '.data/**'] },
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['@saga/orchestrator', '@saga/orchestrator/*'], message: 'runtime sits below the orchestrator.' }] }],
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
  {
    // Framework code imports no system's code; apps use the framework through its public entry
    // points only and no other app; a participant imports no other participant nor an orchestrator.
    files: ['**/*.ts'],
    plugins: { saga: boundariesPlugin(import.meta.dirname) },
    rules: { 'saga/boundaries': 'error' },
  },
);
