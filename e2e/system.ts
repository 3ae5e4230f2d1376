/**
 * Starts the whole system the way the README tells a user to — `pnpm start` — in its own
 * namespace (queues, exchanges and databases prefixed, so runs never see each other), waits until
 * every service consumes, and offers what a client outside the system has: a raw AMQP channel,
 * the HTTP API and read access to each service's database for assertions.
 *
 * To kill, restart or multiply single services, use `startCluster` (./cluster.ts) instead.
 */
import { fileURLToPath } from 'node:url';
import { allQueues } from '@saga/contracts';
import { orderSystem } from '@order-fulfilment/contracts';
import { OutputTail, ServiceProcess, connectNamespaceClient, eventually, freePort, orchestratorHttp, testNamespace, type NamespaceClient, type OrchestratorHttp } from '@saga/runtime/testing';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunningSystem extends Omit<NamespaceClient, 'destroy' | 'consumerCount' | 'topology'>, OrchestratorHttp {
  httpUrl: string;
  /** What the processes printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const client = await connectNamespaceClient(orderSystem, testNamespace('e2e'));
  const port = await freePort();
  const httpUrl = `http://127.0.0.1:${port}`;
  const output = new OutputTail();
  const processes = new ServiceProcess({
    command: pnpmCommand(),
    args: ['start'],
    cwd: ROOT,
    env: { ...process.env, SAGA_NAMESPACE: client.namespace, HTTP_PORT: String(port), LOG_LEVEL: 'warn', FORCE_COLOR: '0', ...env },
    onOutput: (text) => output.append(text),
  });
  const system: RunningSystem = {
    namespace: client.namespace,
    channel: client.channel,
    db: client.db,
    publish: client.publish,
    httpUrl,
    ...orchestratorHttp(() => httpUrl),
    output: () => output.toString(),
    async stop() {
      await processes.stop('SIGTERM');
      await client.destroy();
    },
  };
  try {
    await eventually(async () => {
      if (!processes.running) throw new Error('pnpm start exited');
      const health = await fetch(`${httpUrl}/healthz`);
      if (!health.ok) throw new Error('orchestrator not healthy');
      for (const queue of allQueues(client.topology).filter((q) => q.consumer !== 'operator')) {
        if ((await client.consumerCount(queue.name)) < 1) throw new Error(`${queue.name} has no consumer yet`);
      }
    }, { timeoutMs: 45_000, intervalMs: 250 });
  } catch (error) {
    await system.stop();
    throw new Error(`system did not start: ${(error as Error).message}\n${output.toString()}`, { cause: error });
  }
  return system;
}

function pnpmCommand(): string {
  const execPath = process.env['npm_execpath'];
  return execPath && /pnpm/.test(execPath) && !execPath.endsWith('.cjs') && !execPath.endsWith('.js') ? execPath : 'pnpm';
}
