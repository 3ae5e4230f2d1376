/**
 * Preloaded (`node --import`) into a process that must work offline. Every attempt to resolve a
 * host or open a TCP socket is refused and recorded, as one line, in the file named by
 * NETWORK_ATTEMPT_LOG: a file rather than stderr, because child processes inherit the variable
 * (and NODE_OPTIONS) while their stderr may be captured by the parent, and because the code under
 * test may swallow the error. Unix sockets stay allowed (local IPC).
 */
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what: string): Error => {
  const log = process.env.NETWORK_ATTEMPT_LOG;
  if (log) appendFileSync(log, `${process.pid} ${what}\n`);
  return new Error(`network access is blocked in this process (${what})`);
};

const describeTarget = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value instanceof URL) return value.href;
  if (typeof value === 'object' && value !== null && 'url' in value) return String((value as { url: unknown }).url);
  return typeof value;
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // net.connect() hands the socket its normalised arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const options = (typeof first === 'object' && first !== null ? first : {}) as { path?: string; host?: string; port?: number };
  if (typeof first === 'string' || options.path !== undefined) return connect.apply(this, args as never);
  throw refuse(`connect ${options.host ?? 'localhost'}:${options.port ?? describeTarget(first)}`);
} as typeof connect;

dns.lookup = ((hostname: string) => {
  throw refuse(`dns lookup ${hostname}`);
}) as unknown as typeof dns.lookup;

globalThis.fetch = ((input: unknown) => Promise.reject(refuse(`fetch ${describeTarget(input)}`))) as typeof fetch;
