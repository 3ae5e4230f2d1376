/**
 * @saga/orchestrator/testing — test a saga definition without a broker or a database: the real
 * engine over the in-memory store (which passes the same contract suite as the MongoDB store), a
 * recording publisher that can be made to fail, a store that counts its operations, and a clock you
 * move. For tests only.
 *
 * @example
 *   import { createSagaTestHarness } from '@saga/orchestrator/testing';
 */
export * from './counting-saga-store.ts';
export * from './recording-publisher.ts';
export * from './saga-test-harness.ts';
