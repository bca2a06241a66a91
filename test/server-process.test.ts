import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger, startServer, type RunningServer } from '../src/main.js';
import { createEmptyTestDatabase, type EmptyTestDatabase } from '../src/store/test-support/test-database.js';

// The real thing: the server listening on a port, and the CLI as a separate process writing to the
// same SQLite file (WAL) or PostgreSQL database while the server runs.

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

let empty: EmptyTestDatabase;
let server: RunningServer;
let env: Record<string, string>;

before(async () => {
  empty = await createEmptyTestDatabase();
  const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-e2e-')));
  env = { PHAROS_DATA_DIR: dataDir, PHAROS_LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' };
  if (empty.options.databaseUrl) env.DATABASE_URL = empty.options.databaseUrl;
  const config = loadConfig(env);
  server = await startServer(config, createLogger(config));
});
after(async () => {
  await server.close();
  await empty.cleanup();
});

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}

test('a token created by the CLI while the server runs works at once, and revoking it stops it', async () => {
  const created = await cli('token', 'create', '--name', 'deploy bot', '--role', 'editor');
  const token = created.stdout.trim();
  assert.match(token, /^pht_[0-9a-z]{12}_/);
  assert.match(created.stderr, /shown only once/);

  const res = await fetch(`${server.url}/api/v1/components`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Gateway', status: 'partial_outage' }),
  });
  assert.equal(res.status, 201);
  const status = (await (await fetch(`${server.url}/api/v2/status.json`)).json()) as { status: { indicator: string } };
  assert.equal(status.status.indicator, 'major');

  const listed = await cli('token', 'list');
  assert.match(listed.stdout, /editor\tactive\t.*\tdeploy bot/);
  assert.doesNotMatch(listed.stdout, /pht_/);
  const id = token.slice(4, 16);
  await cli('token', 'revoke', id);
  const after = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401);
});

test('the CLI reports every configuration problem and exits 78', async () => {
  await assert.rejects(
    run(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'migrate'], {
      cwd: root,
      env: { ...process.env, PORT: 'x', PHAROS_LOG_LEVEL: 'chatty' },
    }),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 78);
      assert.match(error.stderr, /PORT/);
      assert.match(error.stderr, /PHAROS_LOG_LEVEL/);
      return true;
    },
  );
});

test('maintenance scheduled from the CLI shows on the running server', async () => {
  const created = await cli(
    'maintenance',
    'create',
    '--name',
    'Routine maintenance',
    '--message',
    'Weekly checks',
    '--rule',
    'FREQ=WEEKLY;BYDAY=SA',
    '--tz',
    'Europe/Paris',
    '--local-start',
    '2026-01-03T17:00',
    '--duration',
    '300',
  );
  const id = created.stdout.trim();
  assert.match(id, /^[0-9a-z]{12}$/);
  const listed = await cli('maintenance', 'list');
  assert.match(
    listed.stdout,
    new RegExp(`${id}\\tRoutine maintenance\\tFREQ=WEEKLY;BYDAY=SA at 17:00 Europe/Paris\\tnext: `),
  );
  const upcoming = (await (await fetch(`${server.url}/api/v2/scheduled-maintenances/upcoming.json`)).json()) as {
    scheduled_maintenances: Array<{ name: string; scheduled_for: string }>;
  };
  const windows = upcoming.scheduled_maintenances.filter((m) => m.name === 'Routine maintenance');
  assert.ok(windows.length >= 4, `expected weekly windows, got ${windows.length}`);
  // Every window starts at 17:00 Paris time, whatever the season.
  for (const w of windows) {
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    }).format(new Date(w.scheduled_for));
    assert.equal(local, 'Sat 17:00');
  }
  await assert.rejects(
    cli(
      'maintenance',
      'create',
      '--name',
      'x',
      '--message',
      'y',
      '--rule',
      'FREQ=MINUTELY',
      '--local-start',
      '2026-01-03T17:00',
      '--duration',
      '5',
    ),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /INVALID_RECURRENCE/);
      return true;
    },
  );
});
