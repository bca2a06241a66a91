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
import { startSmtpSink } from './support/smtp-sink.js';
import { waitFor } from './support/wait-for.js';

// A real server process fans one incident out to 2,000 e-mail subscribers through a loopback SMTP
// server, is killed with SIGKILL midway, and started again: every subscriber must get the message,
// and the only duplicates allowed are re-sends of deliveries in flight at the kill, carrying the
// same Message-ID (the idempotency key).

const SUBSCRIBERS = 2000;
const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const empty = await createEmptyTestDatabase();
const smtp = await startSmtpSink({ parse: false });
const dataDir = empty.options.dataDir || (await mkdtemp(join(tmpdir(), 'pharos-crash-')));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PHAROS_DATA_DIR: dataDir,
  PHAROS_LOG_LEVEL: 'info',
  PHAROS_SMTP_URL: smtp.url,
  PHAROS_SMTP_FROM: 'Status <status@crash.test>',
  PHAROS_NOTIFY_LEASE_SECONDS: '3',
  HOST: '127.0.0.1',
  PORT: '0',
  ...(empty.options.databaseUrl ? { DATABASE_URL: empty.options.databaseUrl } : {}),
};
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await smtp.close();
  await empty.cleanup();
});

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const started = await spawnServer(env);
  children.push(started.child);
  return started;
}

test('SIGKILL mid fan-out, restart: everyone gets the message, duplicates only with the same Message-ID', async () => {
  const token = (
    await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'token', 'create', '--name', 'crash', '--role', 'admin'],
      { cwd: root, env },
    )
  ).stdout.trim();
  const auth = { authorization: `Bearer ${token}` };
  const first = await startServer();
  const csv = ['email,confirmed', ...Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@crash.test,true`)];
  const imported = await fetch(`${first.url}/api/v1/subscribers/import`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv.join('\r\n'),
  });
  assert.equal(imported.status, 200, await imported.clone().text());

  const incident = await fetch(`${first.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Fan-out under fire', message: 'Testing a crash mid-send.' }),
  });
  assert.equal(incident.status, 201);
  await waitFor(() => smtp.count >= SUBSCRIBERS / 4, 'a quarter of the mails', 60_000, 20);
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const atKill = smtp.count;
  assert.ok(atKill < SUBSCRIBERS, `killed midway (${atKill} sent)`);

  const second = await startServer();
  await waitFor(() => smtp.byRecipient.size === SUBSCRIBERS, 'every subscriber', 60_000, 20);
  await waitFor(
    async () => {
      const res = await fetch(`${second.url}/api/v1/deliveries?status=delivered&limit=1`, { headers: auth });
      const pending = await fetch(`${second.url}/api/v1/deliveries?status=pending&limit=1`, { headers: auth });
      const sending = await fetch(`${second.url}/api/v1/deliveries?status=sending&limit=1`, { headers: auth });
      const n = async (r: Response) => ((await r.json()) as { data: unknown[] }).data.length;
      return (await n(res)) === 1 && (await n(pending)) === 0 && (await n(sending)) === 0;
    },
    'every delivery recorded',
    60_000,
    20,
  );

  let duplicates = 0;
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const ids = smtp.messageIds.get(`reader${i}@crash.test`) ?? [];
    assert.ok(ids.length >= 1 && ids.length <= 2, `reader${i} got ${ids.length} messages`);
    if (ids.length === 2) {
      duplicates++;
      assert.equal(ids[0], ids[1], 'a duplicate carries the same Message-ID');
    }
  }
  console.log(`# crash test: ${atKill} mails before SIGKILL, ${duplicates} duplicates (same Message-ID) after restart`);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
});
