import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';

/**
 * A minimal Prometheus endpoint for a participant: `GET /metrics` on 127.0.0.1:`port`, nothing
 * else. Opt-in (METRICS_PORT), so a participant opens no port unless asked; the benchmark reads
 * `saga_db_commands_total` from it. Full participant metrics and health are a later issue.
 */
export function serveMetrics(registry: Registry, port: number, logger: Logger): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      logger.info({ port: typeof address === 'object' && address ? address.port : port }, 'metrics endpoint listening');
      resolve(server);
    });
  });
}
