import { execFileSync } from 'node:child_process';

/**
 * Closes a connection from the server side, as a node restart or an operator would, by its
 * connection name (needs rabbitmqctl on this machine). RabbitMQ 3.10's close_connection takes the
 * connection's Erlang pid, so pids are listed with the client properties that carry the name.
 */
export function closeConnectionFromServer(connectionName: string): void {
  const listing = execFileSync('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties'], { encoding: 'utf8' });
  const line = listing.split('\n').find((l) => l.includes(connectionName));
  if (!line) throw new Error(`no connection named ${connectionName}`);
  execFileSync('rabbitmqctl', ['-q', 'close_connection', line.split('\t')[0]!, 'test: simulated outage']);
}
