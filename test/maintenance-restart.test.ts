import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer } from './support/server-process.js';
import { createEmptyTestDatabase } from '../src/store/test-support/test-database.js';
import { waitFor } from './support/wait-for.js';

// A real server process, killed with SIGKILL in the middle of a maintenance window and started
// again after the window's end: the window must end exactly once, nothing doubled, nothing missed.

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const empty = await createEmptyTestDatabase();
const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-restart-')));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PHAROS_DATA_DIR: dataDir,
  PHAROS_LOG_LEVEL: 'info',
  PHAROS_MAINTENANCE_TICK_SECONDS: '1',
  HOST: '127.0.0.1',
  PORT: '0',
  ...(empty.options.databaseUrl ? { DATABASE_URL: empty.options.databaseUrl } : {}),
};
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await empty.cleanup();
});

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const started = await spawnServer(env);
  children.push(started.child);
  return started;
}

const PAGE_LAG_MS = 3000;

test('killed mid-window and restarted after its end: the window ends once, in order', async () => {
  const token = (
    await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'token', 'create', '--name', 'restart', '--role', 'admin'],
      { cwd: root, env },
    )
  ).stdout.trim();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const first = await startServer();

  const component = (await (
    await fetch(`${first.url}/api/v1/components`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Queue' }),
    })
  ).json()) as { id: string };
  const start = Date.now() + 1500;
  const maintenance = (await (
    await fetch(`${first.url}/api/v1/maintenances`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        name: 'Broker upgrade',
        message: 'Rolling restart of the message broker.',
        component_ids: [component.id],
        scheduled_for: new Date(start).toISOString(),
        scheduled_until: new Date(start + 3000).toISOString(),
      }),
    })
  ).json()) as { windows: Array<{ id: string }> };
  const windowId = maintenance.windows[0]!.id;
  const windowStatus = async (url: string) =>
    (
      (await (await fetch(`${url}/api/v1/maintenance-windows/${windowId}`, { headers: auth })).json()) as {
        status: string;
      }
    ).status;

  await waitFor(
    async () => ((await windowStatus(first.url)) === 'in_progress' ? true : undefined),
    'in_progress',
    20_000,
  );
  // The public page is rebuilt just after the clock's transaction commits (well within a second; the
  // bound leaves room for a loaded CI machine).
  const publicStatus = async (url: string) =>
    (
      (await (await fetch(`${url}/api/v2/components.json`)).json()) as {
        components: Array<{ id: string; status: string }>;
      }
    ).components.find((c) => c.id === component.id)!.status;
  await waitFor(
    async () => ((await publicStatus(first.url)) === 'under_maintenance' ? true : undefined),
    'under_maintenance on the public page',
    PAGE_LAG_MS,
  );

  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  // The window ends while no Pharos is running.
  await new Promise((r) => setTimeout(r, Math.max(0, start + 3000 - Date.now()) + 500));

  const second = await startServer();
  await waitFor(async () => ((await windowStatus(second.url)) === 'completed' ? true : undefined), 'completed', 20_000);
  const audit = (await (await fetch(`${second.url}/api/v1/audit?target_id=${windowId}`, { headers: auth })).json()) as {
    data: Array<{ action: string }>;
  };
  assert.deepEqual(audit.data.map((a) => a.action).reverse(), ['maintenance.in_progress', 'maintenance.completed']);
  await waitFor(
    async () => ((await publicStatus(second.url)) === 'operational' ? true : undefined),
    'operational on the public page',
    PAGE_LAG_MS,
  );
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
});
