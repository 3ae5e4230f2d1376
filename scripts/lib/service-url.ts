/**
 * Where a broker or database URL says its server listens, and whether anything answers there.
 * Used by ./run (scripts/run-system.ts) to choose between the real system and the sandbox, and by
 * ./test (scripts/probe-service.ts) to decide whether to start RabbitMQ or a FerretDB of its own.
 *
 * The probe is a TCP connect, not a protocol handshake: it has to run before anything is started
 * and cost nothing when nothing listens. Whatever listens is then checked by the real system
 * (ERR_BROKER_UNAVAILABLE) or by the test tiers' global setup (a ping), each with its reason.
 */
import { connect } from 'node:net';

/** The defaults of `BaseConfig` in runtime/src/config.ts (a unit test keeps them equal). */
export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
export const DEFAULT_MONGO_URL = 'mongodb://127.0.0.1:27017';

export interface Endpoint {
  host: string;
  port: number;
}

export type Probe = { ok: true } | { ok: false; reason: string };

const DEFAULT_PORTS: Record<string, number> = { amqp: 5672, amqps: 5671, mongodb: 27017 };

/**
 * The hosts a URL names, with their ports. A MongoDB URL may list several (`mongodb://a,b:27018/`),
 * which WHATWG `URL` refuses, so the authority is split by hand. `undefined` for a URL that cannot
 * be probed this way (`mongodb+srv://` names its hosts in DNS) or is not a URL at all.
 */
export function endpointsOf(url: string): Endpoint[] | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  const defaultPort = scheme === undefined ? undefined : DEFAULT_PORTS[scheme];
  if (!match?.[2] || defaultPort === undefined) return undefined;
  const endpoints: Endpoint[] = [];
  for (const hostPort of match[2].split(',')) {
    const parts = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
    if (!parts?.[1]) return undefined;
    const port = parts[2] === undefined ? defaultPort : Number(parts[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
    endpoints.push({ host: parts[1].replace(/^\[|\]$/g, ''), port });
  }
  return endpoints;
}

/** The URL without its credentials, for messages: `amqp://***@127.0.0.1:5672`. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/?#]*@/, '//***@');
}

/**
 * Whether any of the URL's hosts accepts a TCP connection within `timeoutMs`. A URL this cannot
 * probe (`mongodb+srv://`, or not a URL) counts as answering: the service that uses it checks it
 * when it connects and fails with its own reason (ERR_INVALID_CONFIG, ERR_BROKER_UNAVAILABLE).
 */
export async function probeUrl(url: string, timeoutMs = 1500): Promise<Probe> {
  const endpoints = endpointsOf(url);
  if (!endpoints) return { ok: true };
  const results = await Promise.all(endpoints.map((endpoint) => probeEndpoint(endpoint, timeoutMs)));
  return results.find((result) => result.ok) ?? results[0] ?? { ok: false, reason: 'no host' };
}

function probeEndpoint({ host, port }: Endpoint, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (probe: Probe): void => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, reason: `nothing answered on ${host}:${port} within ${timeoutMs} ms` }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, reason: error.code === 'ECONNREFUSED' ? `connection refused on ${host}:${port}` : error.message }));
  });
}
