import { createServer, type Server } from 'node:http';

/**
 * The two counters the driver reads, in Prometheus text format and under the project's names:
 * `saga_db_commands_total{command}` (MongoDB driver command monitoring) and
 * `saga_finished_total{status}` (orchestrator only). Hand-written: the floor has no framework.
 */
export class FloorMetrics {
  readonly #commands = new Map<string, number>();
  readonly #finished = new Map<string, number>();

  command(name: string): void {
    this.#commands.set(name, (this.#commands.get(name) ?? 0) + 1);
  }

  finished(status: string): void {
    this.#finished.set(status, (this.#finished.get(status) ?? 0) + 1);
  }

  text(): string {
    const lines = [...this.#commands].map(([command, n]) => `saga_db_commands_total{command="${command}"} ${n}`);
    lines.push(...[...this.#finished].map(([status, n]) => `saga_finished_total{status="${status}"} ${n}`));
    return `${lines.join('\n')}\n`;
  }

  serve(port: number): Promise<Server> {
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/plain' }).end(this.text());
    });
    return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
  }
}
