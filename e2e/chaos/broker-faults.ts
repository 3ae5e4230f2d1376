/**
 * Faults the chaos run injects at the broker: connections closed under the services' feet, a
 * RabbitMQ restart, and poison messages. Loopback only: rabbitmqctl talks to the local node.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';

const run = promisify(execFile);

/** Closes the broker connections of this namespace's services whose name matches `service` (all when omitted). */
export async function closeConnections(namespace: string, service?: string): Promise<number> {
  const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '--quiet', '--no-table-headers'], { timeout: 30_000 });
  const pids: string[] = [];
  for (const line of stdout.split('\n')) {
    const name = /\{"connection_name","([^"]*)"\}/.exec(line)?.[1];
    const pid = /^(<[^>]+>)/.exec(line)?.[1];
    if (!name || !pid || !name.endsWith(`@${namespace}`)) continue;
    if (service && !name.startsWith(`${service}@`)) continue;
    pids.push(pid);
  }
  for (const pid of pids) {
    await run('rabbitmqctl', ['close_connection', pid, 'chaos: connection closed on purpose'], { timeout: 30_000 }).catch(() => undefined);
  }
  return pids.length;
}

/** Stops and starts the RabbitMQ application (the Erlang node stays up); durable quorum queues survive. */
export async function restartBroker(): Promise<void> {
  await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
  await run('rabbitmqctl', ['start_app'], { timeout: 120_000 });
  await run('rabbitmqctl', ['await_startup'], { timeout: 120_000 });
}

export type PoisonKind = 'bad-json' | 'schema-invalid' | 'unknown-type' | 'unsupported-version' | 'oversized';
export const POISON_KINDS: readonly PoisonKind[] = ['bad-json', 'schema-invalid', 'unknown-type', 'unsupported-version', 'oversized'];

/** A message every consumer must dead-letter with a reason, never requeue and never apply. */
export function poisonBody(kind: PoisonKind, sagaId: string): Buffer {
  const envelope = {
    messageId: randomUUID(),
    type: 'InventoryReserved',
    schemaVersion: 1,
    correlationId: sagaId,
    causationId: randomUUID(),
    step: 'reserve-inventory',
    occurredAt: new Date().toISOString(),
    payload: { reservationId: 'r-1', items: [{ sku: 'SKU-BOOK', quantity: 1 }] },
  };
  switch (kind) {
    case 'bad-json':
      return Buffer.from('{"messageId": "oops", ');
    case 'schema-invalid':
      return Buffer.from(JSON.stringify({ ...envelope, payload: { reservationId: 42 } }));
    case 'unknown-type':
      return Buffer.from(JSON.stringify({ ...envelope, type: 'InventoryTeleported' }));
    case 'unsupported-version':
      return Buffer.from(JSON.stringify({ ...envelope, schemaVersion: 99 }));
    case 'oversized':
      return Buffer.from(JSON.stringify({ ...envelope, payload: { filler: 'x'.repeat(300 * 1024) } }));
  }
}
