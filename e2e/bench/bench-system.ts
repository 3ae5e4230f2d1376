import type { Collection, Document } from 'mongodb';

/** One process of a system under test, as the meter sees it. */
export interface BenchProcess {
  role: 'orchestrator' | 'participant';
  name: string;
  pid: number;
  /** Prometheus text with saga_db_commands_total (and, on orchestrators, saga_finished_total). */
  metricsUrl: string;
}

/** What the participants hold after a drive, to check that every effect was applied once. */
export interface SystemEffects {
  /** Units taken from stock per SKU (seed minus what is left). */
  stockTaken: Record<string, number>;
  /** Cents charged and not refunded, over every customer. */
  chargedCents: number;
  shipmentsBooked: number;
  confirmationsSent: number;
}

/**
 * The floor or the project, started in its own namespace: where StartSaga goes, what the
 * completion tap binds to, its processes, and read access to its saga documents and effects.
 */
export interface BenchSystem {
  kind: 'floor' | 'project';
  namespace: string;
  /** Exchange and routing key of StartSaga (the same for both: `<ns>.commands`, `orchestrator`). */
  start: { exchange: string; routingKey: string };
  /** The replies exchange and the routing keys that reach the orchestrator(s). */
  replies: { exchange: string; routingKeys: string[] };
  /** The topic exchange of saga lifecycle events, when the system publishes them. */
  events: string | undefined;
  processes(): BenchProcess[];
  /** MongoDB database of the orchestrator, which is also its PostgreSQL schema under FerretDB. */
  sagaDatabase: string;
  sagas(): Collection<Document>;
  effects(): Promise<SystemEffects>;
  /** The last lines the processes printed, for an error message. */
  output(): string;
  /** Stops every process and deletes the namespace's queues, exchanges and databases. */
  stop(): Promise<void>;
}
