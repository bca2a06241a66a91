import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { SqlDialect } from './dialect.js';
import type { Schema } from './schema.js';

// node-postgres returns int8 (count(*), bigserial) as strings; our ids and counts fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** How long one SQLite statement waits for a lock held by another connection. */
export const SQLITE_BUSY_TIMEOUT_MS = 10;

/** True for SQLite's "another connection holds the lock" errors, which are worth retrying. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Database {
  db: Kysely<Schema>;
  dialect: SqlDialect;
  /** Where the data lives, for logs: a file path or a URL with its password masked. */
  location: string;
  close(): Promise<void>;
}

/** How to reach the database. */
export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** SQLite file name inside `dataDir`. */
  sqliteFile?: string;
  poolSize?: number;
}

/** Open SQLite (WAL, foreign keys on) or a PostgreSQL pool. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(join(options.dataDir, options.sqliteFile ?? 'pharos.db'));
}

function openSqlite(file: string): Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits for a lock synchronously, stalling the event loop (and the public page) for
  // as long as it waits. Wait briefly here; writers retry asynchronously (`runWrite`).
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    // A network that silently drops packets (seed 000) would hang a query forever; give up instead,
    // so writes fail with UNAVAILABLE and the public page keeps serving its snapshot.
    query_timeout: 10_000,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // The same for a checked-out client whose connection dies between queries (a network cut): the
  // query reports it; the event must not take the process down.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: maskUrl(url), close: () => db.destroy() };
}

/** A connection URL with its password replaced, safe to log. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
