import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../database.js';
import { migrateToLatest } from '../migrate.js';

// Test support only (excluded from the build). Each test file gets its own database, so files can
// run in parallel: on SQLite a fresh temporary directory, on PostgreSQL a fresh `pharos_t_<hex>`
// database created through PHAROS_TEST_DATABASE_URL, a role allowed to CREATE DATABASE, e.g.
// postgres://postgres@127.0.0.1:5432/postgres. This is the one environment variable read here.

const TEST_DATABASE_URL_VAR = 'PHAROS_TEST_DATABASE_URL';

function adminUrl(): string | null {
  const url = process.env[TEST_DATABASE_URL_VAR];
  return url ? url : null;
}

/** Which dialect the storage tests run on in this process. */
export function testDialect(): 'sqlite' | 'postgres' {
  return adminUrl() ? 'postgres' : 'sqlite';
}

/** A fresh, empty (unmigrated) database that can be opened any number of times. */
export interface EmptyTestDatabase {
  dialect: 'sqlite' | 'postgres';
  /** Options that reach this database; every handle from `open()` uses them. */
  options: DatabaseOptions;
  /** Open another independent handle (its own pool or SQLite connection); `cleanup` closes it. */
  open(): Database;
  /** Close every handle opened here and delete the database. Safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * A fresh database with no tables, for tests of migrations themselves. Most tests want
 * `createTestDatabase()` instead.
 */
export async function createEmptyTestDatabase(): Promise<EmptyTestDatabase> {
  const url = adminUrl();
  return url ? createPostgresDatabase(url) : createSqliteDatabase();
}

/**
 * A fresh, migrated database of its own for one test file. Call `cleanup()` when done (typically in
 * `after(...)`); it closes the database and deletes it.
 */
export async function createTestDatabase(): Promise<Database & { cleanup(): Promise<void> }> {
  const empty = await createEmptyTestDatabase();
  try {
    const database = empty.open();
    await migrateToLatest(database);
    return { ...database, cleanup: () => empty.cleanup() };
  } catch (error) {
    await empty.cleanup();
    throw error;
  }
}

async function createSqliteDatabase(): Promise<EmptyTestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pharos-test-'));
  const options: DatabaseOptions = { databaseUrl: null, dataDir };
  return withHandles('sqlite', options, () => rm(dataDir, { recursive: true, force: true }));
}

async function createPostgresDatabase(admin: string): Promise<EmptyTestDatabase> {
  const name = `pharos_t_${randomBytes(6).toString('hex')}`;
  await runAdmin(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const options: DatabaseOptions = { databaseUrl: url.toString(), dataDir: '', poolSize: 5 };
  return withHandles('postgres', options, () => runAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function withHandles(
  dialect: 'sqlite' | 'postgres',
  options: DatabaseOptions,
  remove: () => Promise<void>,
): EmptyTestDatabase {
  const handles: Database[] = [];
  let cleaned: Promise<void> | null = null;
  return {
    dialect,
    options,
    open() {
      if (cleaned) throw new Error('test database already cleaned up');
      const database = openDatabase(options);
      handles.push(database);
      return database;
    },
    cleanup() {
      cleaned ??= (async () => {
        const closed = await Promise.allSettled(handles.map((h) => h.close()));
        await remove();
        const failure = closed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failure) throw failure.reason;
      })();
      return cleaned;
    },
  };
}

/** Run one statement on the admin database over a short-lived connection. */
async function runAdmin(admin: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach ${TEST_DATABASE_URL_VAR} (${maskedHost(admin)}): ${String(error)}`, {
      cause: error,
    });
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function maskedHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'unparseable url';
  }
}
