/**
 * @saga/orchestrator/domain — the pure saga core: definitions and their rules, the versioned
 * registry, the saga state, `decide`. No I/O; safe to import from tools such as the AsyncAPI
 * generator.
 *
 * @example
 *   import { defineSaga, sagaRegistry, decide } from '@saga/orchestrator/domain';
 *   const decision = decide(undefined, startSaga, { now, newId, random, messages: shop.message, registry: sagaRegistry([checkout]), sagaId });
 */
export * from './definition.ts';
export * from './domain-error.ts';
export * from './validate-definition.ts';
export * from './saga-registry.ts';
export * from './saga-state.ts';
export * from './transition.ts';
export * from './decision.ts';
export * from './decide.ts';
export * from './retry-policy.ts';
export * from './timers.ts';
export * from './operator-actions.ts';
export * from './saga-position.ts';
export { COMMAND_EXPIRED } from './apply-reply.ts';
