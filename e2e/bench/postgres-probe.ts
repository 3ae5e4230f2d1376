import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Counters of one PostgreSQL table from pg_stat_user_tables. */
export interface TableStats {
  seqScan: number;
  seqTupRead: number;
  idxScan: number;
  idxTupFetch: number;
  tupIns: number;
  tupUpd: number;
}

export const ZERO_STATS: TableStats = { seqScan: 0, seqTupRead: 0, idxScan: 0, idxTupFetch: 0, tupIns: 0, tupUpd: 0 };

/**
 * What the benchmark asks the PostgreSQL behind FerretDB, through `psql` (no driver to install).
 * FerretDB v1 keeps each MongoDB database as a schema of one PostgreSQL database and each
 * collection as a table listed in `<schema>._ferretdb_database_metadata`.
 *
 * PostgreSQL 15 publishes a backend's table counters when it goes idle, at most once a second, and
 * an idle backend's last counters only after 10 s: read them `STATS_SETTLE_MS` after the load.
 */
export const STATS_SETTLE_MS = 11_000;

export class PostgresProbe {
  readonly #url: string;

  /** `url` names the database FerretDB uses, e.g. postgres://postgres@127.0.0.1:5432/ferretdb_27019. */
  constructor(url: string) {
    this.#url = url;
  }

  get database(): string {
    return new URL(this.#url).pathname.slice(1);
  }

  async #rows(sql: string): Promise<string[][]> {
    // A shared PostgreSQL may refuse a connection for a moment ("too many clients already").
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { stdout } = await run('psql', [this.#url, '-qtAX', '-F', '\t', '-c', sql], { env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
        return stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  async version(): Promise<string> {
    return (await this.#rows('SHOW server_version'))[0]?.[0] ?? 'unknown';
  }

  /** Pids of the backends FerretDB holds open on its database (psql's own is not one of them). */
  async ferretdbBackends(): Promise<number[]> {
    const rows = await this.#rows(`SELECT pid FROM pg_stat_activity WHERE datname = '${this.database}' AND application_name = 'FerretDB'`);
    return rows.map((r) => Number(r[0]));
  }

  /** Counters of the table behind one collection, or zeros when it does not exist (yet). */
  async collectionStats(mongoDatabase: string, collection: string): Promise<TableStats> {
    assertName(mongoDatabase);
    assertName(collection);
    const rows = await this.#rows(
      `SELECT s.seq_scan, s.seq_tup_read, coalesce(s.idx_scan, 0), coalesce(s.idx_tup_fetch, 0), s.n_tup_ins, s.n_tup_upd
         FROM "${mongoDatabase}"._ferretdb_database_metadata m
         JOIN pg_stat_user_tables s ON s.schemaname = '${mongoDatabase}' AND s.relname = m._jsonb->>'table'
        WHERE m._jsonb->>'_id' = '${collection}'`,
    );
    return rows[0] ? toStats(rows[0]) : { ...ZERO_STATS };
  }

  /** Counters summed over every table of the MongoDB databases whose names start with `prefix` (a namespace). */
  async namespaceStats(prefix: string): Promise<TableStats> {
    assertName(prefix);
    const rows = await this.#rows(
      `SELECT coalesce(sum(seq_scan), 0), coalesce(sum(seq_tup_read), 0), coalesce(sum(idx_scan), 0), coalesce(sum(idx_tup_fetch), 0), coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0)
         FROM pg_stat_user_tables WHERE schemaname LIKE '${prefix}\\_%' AND relname <> '_ferretdb_database_metadata'`,
    );
    return rows[0] ? toStats(rows[0]) : { ...ZERO_STATS };
  }
}

function toStats(row: string[]): TableStats {
  const [seqScan, seqTupRead, idxScan, idxTupFetch, tupIns, tupUpd] = row.map(Number);
  return { seqScan: seqScan ?? 0, seqTupRead: seqTupRead ?? 0, idxScan: idxScan ?? 0, idxTupFetch: idxTupFetch ?? 0, tupIns: tupIns ?? 0, tupUpd: tupUpd ?? 0 };
}

/** after − before; undefined when either could not be read. */
export function statsDelta(after: TableStats | undefined, before: TableStats | undefined): TableStats | undefined {
  if (!after || !before) return undefined;
  return {
    seqScan: after.seqScan - before.seqScan,
    seqTupRead: after.seqTupRead - before.seqTupRead,
    idxScan: after.idxScan - before.idxScan,
    idxTupFetch: after.idxTupFetch - before.idxTupFetch,
    tupIns: after.tupIns - before.tupIns,
    tupUpd: after.tupUpd - before.tupUpd,
  };
}

/** Names go into SQL text: only what our namespaces and collections look like. */
function assertName(name: string): void {
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(name)) throw new Error(`not a safe schema or collection name: ${name}`);
}
