import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createEmptyTestDatabase } from '../src/store/test-support/test-database.js';
import { spawnServer } from './support/server-process.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { waitFor } from './support/wait-for.js';

// The database goes away while readers keep coming (seed 000: "the database server lost its
// network"). PostgreSQL: a proxy between Pharos and the server stops forwarding packets. SQLite:
// another process takes an exclusive lock. Public routes keep answering 200 from the snapshot and
// say how old it is; writes fail with 503 UNAVAILABLE; once the database is back a write shows on
// the page within a second.

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const empty = await createEmptyTestDatabase();
const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-outage-')));
let proxy: TcpProxy | null = null;
let databaseUrl: string | null = null;
if (empty.options.databaseUrl) {
  const target = new URL(empty.options.databaseUrl);
  proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.start();
  target.host = `127.0.0.1:${proxy.port}`;
  databaseUrl = target.toString();
}
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PHAROS_DATA_DIR: dataDir,
  PHAROS_LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await proxy?.close();
  await empty.cleanup();
});

async function startServer(): Promise<string> {
  const started = await spawnServer(env);
  children.push(started.child);
  return started.url;
}

/** Take the database away; resolves once it is gone, with a function that brings it back. */
async function loseDatabase(): Promise<() => Promise<void>> {
  if (proxy) {
    proxy.cut();
    return () => Promise.resolve(proxy.restore());
  }
  // Another process holds the SQLite file's write lock until it is killed. In WAL mode readers are
  // not blocked, so the page stays live (not even stale) while every write is refused.
  const locker = spawn(
    process.execPath,
    [
      '-e',
      `const db = require('better-sqlite3')(process.argv[1]);
       db.pragma('busy_timeout = 5000');
       db.exec('BEGIN EXCLUSIVE');
       db.exec("UPDATE pages SET updated_at = updated_at");
       console.log('locked');
       setInterval(() => {}, 1000);`,
      join(dataDir, 'pharos.db'),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(locker);
  await new Promise<void>((resolve, reject) => {
    locker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    locker.on('exit', (code) => reject(new Error(`locker exited with ${code}`)));
  });
  return async () => {
    const exited = new Promise((resolve) => locker.once('exit', resolve));
    locker.kill('SIGKILL');
    await exited;
  };
}

test('the public page outlives its database, and catches up when it returns', async () => {
  const base = await startServer();
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/cli/entry.ts', 'token', 'create', '--name', 'ops', '--role', 'admin'],
    { cwd: root, env },
  );
  const token = stdout.trim();
  const admin = (path: string, body: unknown) =>
    fetch(`${base}/api/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  assert.equal((await admin('components', { name: 'API' })).status, 201);

  // Readers keep coming through the whole outage.
  const statuses: number[] = [];
  let reading = true;
  const readers = (async () => {
    while (reading) {
      for (const path of ['/', '/api/v2/summary.json', '/history']) {
        const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
        statuses.push(res ? res.status : 0);
        await res?.arrayBuffer();
      }
    }
  })();

  const restore = await loseDatabase();
  try {
    if (proxy) {
      // The snapshot layer notices the silent database and says how old the page is.
      const stale = await waitFor(async () => {
        const res = await fetch(`${base}/`);
        const html = await res.text();
        return res.headers.get('x-pharos-snapshot-from') && /Live data is temporarily unavailable/.test(html)
          ? html
          : undefined;
      }, 'the stale notice');
      assert.match(stale, /status as of/);
    }
    // Writes fail cleanly.
    const write = await admin('components', { name: 'Billing' });
    assert.equal(write.status, 503);
    assert.equal(((await write.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE');
  } finally {
    await restore();
  }

  // Back: the notice goes, and a write shows within a second of its answer.
  await waitFor(async () => {
    const res = await fetch(`${base}/`);
    return /Live data is temporarily unavailable/.test(await res.text()) ? undefined : true;
  }, 'the notice to clear');
  const created = await waitFor(async () => {
    const res = await admin('components', { name: 'Webhooks' });
    return res.status === 201 ? res : undefined;
  }, 'writes to work again');
  assert.equal(created.status, 201);
  const answeredAt = Date.now();
  await waitFor(
    async () => {
      const summary = (await (await fetch(`${base}/api/v2/summary.json`)).json()) as { components: { name: string }[] };
      return summary.components.some((c) => c.name === 'Webhooks') ? true : undefined;
    },
    'the new component on the page',
    1_000,
  );
  assert.ok(Date.now() - answeredAt <= 1_000);

  reading = false;
  await readers;
  assert.ok(statuses.length > 20, `readers made ${statuses.length} requests`);
  assert.deepEqual(
    statuses.filter((s) => s !== 200),
    [],
    'every public request answered 200',
  );
  assert.equal(statuses.length, statuses.filter((s) => s === 200).length);
});
