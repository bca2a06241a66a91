// Fan-out benchmark: one incident update to 100,000 e-mail subscribers (through a loopback SMTP
// sink) and 10,000 webhook subscribers (a loopback HTTP receiver), sent by a real `pharos serve`
// process. Prints time to the last delivery, messages/s, the server's CPU time and peak RSS, and the
// latency of GET /api/v2/summary.json while the fan-out runs.
//
//   npx tsx bench/fanout.ts [emails=100000] [webhooks=10000]
//
// Targets (issue 6): 100k e-mails < 2 min, 10k webhooks < 30 s on the 2-core machine.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { findDefaultPage } from '../src/store/pages-store.js';
import { insertSubscribers, type StoredSubscriber } from '../src/store/subscribers-store.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { startWebhookReceiver } from '../test/support/webhook-receiver.js';

const EMAILS = Number(process.argv[2] ?? 100_000);
const WEBHOOKS = Number(process.argv[3] ?? 10_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

const dataDir = await mkdtemp(join(tmpdir(), 'pharos-fanout-'));
const smtp = await startSmtpSink({ parse: false });
const hooks = await startWebhookReceiver({ keep: false });
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PHAROS_DATA_DIR: dataDir,
  PHAROS_LOG_LEVEL: 'warn',
  PHAROS_SMTP_URL: smtp.url,
  PHAROS_SMTP_FROM: 'Status <status@bench.test>',
  PHAROS_NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
};

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], { cwd: root, env });
}

async function seed(): Promise<void> {
  const token = (await cli('token', 'create', '--name', 'bench', '--role', 'admin')).stdout.trim();
  const database = openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database);
  const page = await findDefaultPage(database.db);
  if (!page) throw new Error('no default page');
  const at = new Date().toISOString();
  const make = (i: number, type: 'email' | 'webhook'): StoredSubscriber => ({
    // Random-looking ids, as real ones are, so e-mail and webhook subscribers interleave in fan-out.
    id: createHash('sha256').update(`${type}${i}`).digest('hex').slice(0, 12),
    pageId: page.id,
    type,
    audience: 'public',
    address: type === 'email' ? `reader${i}@bench.test` : `${hooks.url}/hook/${i}`,
    contactEmail: null,
    language: i % 5 === 0 ? 'fr' : 'en',
    componentIds: [],
    confirmedAt: at,
    confirmExpiresAt: null,
    tokenGeneration: 1,
    quarantinedAt: null,
    hasSecret: type === 'webhook',
    secret: type === 'webhook' ? `secret-${i}-0123456789` : null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  });
  const all = [
    ...Array.from({ length: EMAILS }, (_, i) => make(i, 'email')),
    ...Array.from({ length: WEBHOOKS }, (_, i) => make(i, 'webhook')),
  ];
  for (let i = 0; i < all.length; i += 5000) {
    await database.db.transaction().execute((trx) => insertSubscribers(trx, all.slice(i, i + 5000)));
  }
  await database.close();
  process.env.BENCH_TOKEN = token;
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const profile = process.env.BENCH_CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/entry.ts', 'serve'], {
    cwd: root,
    env: { ...env, PHAROS_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*Pharos is listening/.exec(buffered);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
  });
}

async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

async function rssMb(pid: number): Promise<number> {
  const match = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const seedStart = performance.now();
await seed();
console.log(
  `seeded ${EMAILS} e-mail and ${WEBHOOKS} webhook subscribers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
);
const server = await startServer();
const pid = server.child.pid!;
const auth = { authorization: `Bearer ${process.env.BENCH_TOKEN}`, 'content-type': 'application/json' };

const latencies: number[] = [];
let probing = true;
const probe = (async () => {
  while (probing) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v2/summary.json`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
})();

let peakRss = 0;
const cpuBefore = await cpuSeconds(pid);
const benchCpuBefore = process.cpuUsage();
const t0 = performance.now();
const created = await fetch(`${server.url}/api/v1/incidents`, {
  method: 'POST',
  headers: auth,
  body: JSON.stringify({ name: 'Bench outage', message: 'One update to every subscriber.' }),
});
if (created.status !== 201) throw new Error(`incident: ${created.status} ${await created.text()}`);
let emailsDone = 0;
let hooksDone = 0;
let lastReport = 0;
while (smtp.count < EMAILS || hooks.count < WEBHOOKS) {
  await new Promise((r) => setTimeout(r, 50));
  const elapsed = performance.now() - t0;
  if (!hooksDone && hooks.count >= WEBHOOKS) hooksDone = elapsed;
  if (!emailsDone && smtp.count >= EMAILS) emailsDone = elapsed;
  peakRss = Math.max(peakRss, await rssMb(pid));
  if (elapsed - lastReport > 10_000) {
    lastReport = elapsed;
    console.log(`  ${(elapsed / 1000).toFixed(0)} s: ${smtp.count} e-mails, ${hooks.count} webhooks`);
  }
  if (elapsed > 15 * 60_000) throw new Error('gave up after 15 minutes');
}
const total = performance.now() - t0;
if (!hooksDone) hooksDone = total;
if (!emailsDone) emailsDone = total;
const cpu = (await cpuSeconds(pid)) - cpuBefore;
probing = false;
await probe;
const sorted = [...latencies].sort((a, b) => a - b);

console.log(
  JSON.stringify(
    {
      emails: EMAILS,
      webhooks: WEBHOOKS,
      seconds_to_last_email: +(emailsDone / 1000).toFixed(1),
      seconds_to_last_webhook: +(hooksDone / 1000).toFixed(1),
      seconds_to_last_delivery: +(total / 1000).toFixed(1),
      messages_per_second: Math.round((EMAILS + WEBHOOKS) / (total / 1000)),
      emails_per_second: Math.round(EMAILS / (emailsDone / 1000)),
      server_cpu_seconds: +cpu.toFixed(1),
      server_cpu_cores_busy: +(cpu / (total / 1000)).toFixed(2),
      server_peak_rss_mb: Math.round(peakRss),
      sink_process_cpu_seconds: +(
        (process.cpuUsage(benchCpuBefore).user + process.cpuUsage(benchCpuBefore).system) /
        1e6
      ).toFixed(1),
      duplicate_emails: smtp.count - EMAILS,
      summary_json_ms: {
        samples: sorted.length,
        p50: +percentile(sorted, 50).toFixed(1),
        p95: +percentile(sorted, 95).toFixed(1),
        p99: +percentile(sorted, 99).toFixed(1),
        max: +(sorted.at(-1) ?? 0).toFixed(1),
      },
    },
    null,
    2,
  ),
);
server.child.kill('SIGTERM');
await new Promise((r) => server.child.once('exit', r));
await smtp.close();
await hooks.close();
await rm(dataDir, { recursive: true, force: true });
