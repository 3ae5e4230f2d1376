import { Counter, type Registry } from 'prom-client';

/** Called with the name of every command the MongoDB driver sends (`find`, `update`, `insert`, …). */
export type DbCommandListener = (commandName: string) => void;

/**
 * `saga_db_commands_total{command}` on `registry`: every database command this process sent, by
 * name. It is how the benchmark counts database work per saga (reads and writes per transition);
 * the label set is the driver's command names, so it stays small.
 */
export function dbCommandCounter(registry: Registry): DbCommandListener {
  const counter = new Counter({
    name: 'saga_db_commands_total',
    help: 'Database commands sent by this process (MongoDB driver command monitoring), by command name.',
    labelNames: ['command'] as const,
    registers: [registry],
  });
  return (command) => counter.inc({ command });
}
