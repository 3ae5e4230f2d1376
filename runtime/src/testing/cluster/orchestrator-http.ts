/**
 * The orchestrator's read-only HTTP API as a test sees it: JSON reads, waiting for a saga to end,
 * and single Prometheus counter samples. `baseUrl` is a function so a caller can point it at
 * whichever instance is alive.
 */
import { eventually } from '../index.ts';

const TERMINAL = ['completed', 'compensated', 'failed', 'resolved'];

export interface OrchestratorHttp {
  getJson<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }>;
  /** Polls GET /sagas/:id until the saga is completed, compensated or failed, and returns it. */
  waitForTerminal(sagaId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Current value of a Prometheus counter sample, 0 when absent. */
  metric(name: string, labels: Record<string, string>): Promise<number>;
}

export function orchestratorHttp(baseUrl: () => string): OrchestratorHttp {
  const http: OrchestratorHttp = {
    async getJson(path) {
      const response = await fetch(`${baseUrl()}${path}`);
      return { status: response.status, body: (await response.json()) as never };
    },
    waitForTerminal(sagaId, timeoutMs = 30_000) {
      return eventually(async () => {
        const { status, body } = await http.getJson(`/sagas/${sagaId}`);
        if (status !== 200 || !TERMINAL.includes(String(body['status']))) throw new Error(`saga ${sagaId} not terminal yet: ${status} ${String(body['status'])}`);
        return body;
      }, { timeoutMs });
    },
    async metric(name, labels) {
      return metricValue(await (await fetch(`${baseUrl()}/metrics`)).text(), name, labels);
    },
  };
  return http;
}

/** Reads one sample from a Prometheus text exposition; 0 when there is none. */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => (wanted.length === 0 ? l.startsWith(`${name} `) : l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w))));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
