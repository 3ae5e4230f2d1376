/**
 * @order-fulfilment/sandbox — the whole order system in one process with nothing installed: the real
 * orchestrator and participants over the in-memory bus and stores, seeded, with short policies and
 * one planted fault so that sagas complete, compensate and park within seconds. Nothing is durable.
 * It is a composition root: it may import every package, and no package imports it.
 *
 * @example
 *   const sandbox = await startSandbox({ http: { port: 0, host: '127.0.0.1' }, logger: (service) => createLogger({ name: service }) });
 *   await fetch(`http://127.0.0.1:${sandbox.port}/sagas`, { method: 'POST', body: JSON.stringify(startSaga), headers });
 */
export { startSandbox, NOTHING_IS_DURABLE, type RunningSandbox, type SandboxOptions } from './start-sandbox.ts';
export { SandboxConfig } from './sandbox-config.ts';
export { REFUND_OUTAGE_CUSTOMER, withRefundOutage } from './sandbox-faults.ts';
export { SANDBOX_CUSTOMERS, SANDBOX_POLICY, SANDBOX_STOCK } from './sandbox-seed.ts';
