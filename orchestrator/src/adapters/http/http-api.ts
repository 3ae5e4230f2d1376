import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { SagaId } from '@saga/contracts';
import { errorSummary, type Logger } from '@saga/runtime';
import type { SagaStore } from '../../application/ports.ts';
import type { OrchestratorMetrics } from './metrics.ts';

const ListQuery = z.object({
  status: z.enum(['running', 'compensating', 'completed', 'compensated', 'failed']).optional(),
  type: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * A small read-only HTTP API for watching sagas: GET /healthz, GET /sagas?status=&type=&limit=,
 * GET /sagas/:id, and Prometheus metrics at GET /metrics. Bad input gets a 400 with a message; every query is built from validated values.
 */
export function createHttpApi(store: SagaStore, metrics: OrchestratorMetrics, logger: Logger): Server {
  return createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = async () => {
      if (request.method !== 'GET') return send(405, { error: 'only GET is supported' });
      if (url.pathname === '/healthz') return send(200, { status: 'ok' });
      if (url.pathname === '/metrics') {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        return response.end(await metrics.registry.metrics());
      }
      if (url.pathname === '/sagas') {
        const query = ListQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) return send(400, { error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        const { status, type, limit } = query.data;
        return send(200, await store.list({ limit, ...(status ? { status } : {}), ...(type ? { sagaType: type } : {}) }));
      }
      const match = /^\/sagas\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const id = SagaId.safeParse(safeDecode(match[1]!));
        if (!id.success) return send(400, { error: 'saga id must be 1-100 characters of A-Z, a-z, 0-9, "_" or "-"' });
        const saga = await store.load(id.data);
        return saga ? send(200, saga) : send(404, { error: `no saga ${id.data}` });
      }
      return send(404, { error: 'not found' });
    };
    route().catch((error: unknown) => {
      logger.error({ err: errorSummary(error).message }, 'http request failed');
      send(500, { error: 'internal error' });
    });
  });
}

/** decodeURIComponent that answers a malformed escape with the raw text (then refused as an invalid id). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
