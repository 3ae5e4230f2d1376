import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { dbCommandCounter } from '../db-command-metrics.ts';
import { createLogger } from '../logger.ts';
import { serveMetrics } from './metrics-endpoint.ts';

describe('the participant metrics endpoint', () => {
  it('serves the database commands counted by name, and nothing but /metrics', async () => {
    const registry = new Registry();
    const count = dbCommandCounter(registry);
    count('update');
    count('update');
    count('find');
    const server = await serveMetrics(registry, 0, createLogger({ name: 'metrics-spec', level: 'silent' }));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('saga_db_commands_total{command="update"} 2');
      expect(text).toContain('saga_db_commands_total{command="find"} 1');
      expect((await fetch(`${base}/sagas`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
