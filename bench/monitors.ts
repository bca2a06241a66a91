// npx tsx bench/monitors.ts [N...] [--duration SECONDS] [--interval SECONDS]
//
// Runs N HTTP monitors at a 30 s interval against a loopback target (its own process) inside a
// real Pharos server on SQLite, for each N (default 1000 5000 10000), and prints: checks/s, p50/p99
// lateness against schedule, CPU and RSS of this process (the Pharos server), database growth per
// hour, and the time from the target failing to the public summary.json showing the outage.

import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createComponent } from '../src/app/components/create-component.js';
import { createMonitor } from '../src/app/monitors/create-monitor.js';
import { loadConfig } from '../src/config/load-config.js';
import { defaultSettings, newMonitor, type Monitor } from '../src/core/monitor-definition.js';
import type { Actor } from '../src/core/model.js';
import { createLogger, startServer, type RunningServer } from '../src/main.js';
import { insertMonitor } from '../src/store/monitors-store.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { duration: { type: 'string', default: '180' }, interval: { type: 'string', default: '30' } },
});
const sizes = positionals.length > 0 ? positionals.map(Number) : [1000, 5000, 10000];
const durationS = Number(values.duration);
const intervalS = Number(values.interval);
const bench: Actor = { type: 'system', id: null, name: 'bench', role: 'admin' };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function dbBytes(dir: string): number {
  let total = 0;
  for (const file of ['pharos.db', 'pharos.db-wal']) {
    try {
      total += statSync(join(dir, file)).size;
    } catch {
      // not there yet
    }
  }
  return total;
}

async function startTarget(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL('./monitor-target.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return { child, port };
}

async function addMonitors(server: RunningServer, n: number, port: number, componentId: string): Promise<void> {
  const at = new Date().toISOString();
  await server.database.db.transaction().execute(async (trx) => {
    const page = await trx
      .selectFrom('components')
      .select('page_id')
      .where('id', '=', componentId)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < n; i++) {
      const monitor: Monitor = {
        ...newMonitor(`bench${String(i).padStart(7, '0')}`, 'http', at),
        pageId: page.page_id,
        componentId,
        name: `bench ${i}`,
        settings: { ...defaultSettings(), url: `http://127.0.0.1:${port}/m/${i}` },
        intervalSeconds: intervalS,
        timeoutMs: 5000,
      };
      await insertMonitor(trx, monitor, null);
    }
  });
}

async function publicStatus(server: RunningServer, componentId: string): Promise<string> {
  const body = (await (await fetch(`${server.url}/api/v2/summary.json`)).json()) as {
    components: { id: string; status: string }[];
  };
  return body.components.find((c) => c.id === componentId)?.status ?? 'missing';
}

async function runOnce(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pharos-bench-'));
  const target = await startTarget();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PHAROS_DATA_DIR: dir, PHAROS_LOG_LEVEL: 'warn' });
  const server = await startServer(config, createLogger(config));
  try {
    const fleet = await createComponent(server.app, bench, { name: 'Fleet' });
    await addMonitors(server, n, target.port, fleet.id);
    const watched = await createComponent(server.app, bench, { name: 'Watched API' });
    await createMonitor(server.app, bench, {
      type: 'http',
      name: 'watched',
      componentId: watched.id,
      settings: { url: `http://127.0.0.1:${target.port}/flaky` },
      intervalSeconds: intervalS,
      timeoutMs: 5000,
    });
    await server.monitoring.scheduler.reload();
    // Let the first spread-out round pass, then measure.
    await new Promise((r) => setTimeout(r, Math.min(intervalS, durationS / 3) * 1000));
    server.monitoring.scheduler.takeStats();
    const startRun = server.monitoring.scheduler.takeStats().checksRun;
    const startCpu = process.cpuUsage();
    const startBytes = dbBytes(dir);
    const startedAt = performance.now();
    const lateness: number[] = [];
    let peakRss = 0;
    while (performance.now() - startedAt < durationS * 1000) {
      await new Promise((r) => setTimeout(r, 2000));
      lateness.push(...server.monitoring.scheduler.takeStats().lateness);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const elapsedS = (performance.now() - startedAt) / 1000;
    const stats = server.monitoring.scheduler.takeStats();
    lateness.push(...stats.lateness);
    const cpu = process.cpuUsage(startCpu);
    const growth = dbBytes(dir) - startBytes;
    lateness.sort((a, b) => a - b);

    target.child.send('fail');
    const failedAt = performance.now();
    let detectedS = NaN;
    while (performance.now() - failedAt < (intervalS * 3 + 30) * 1000) {
      if ((await publicStatus(server, watched.id)) === 'major_outage') {
        detectedS = (performance.now() - failedAt) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(
      JSON.stringify({
        monitors: n,
        interval_s: intervalS,
        measured_s: Math.round(elapsedS),
        checks_per_s: +((stats.checksRun - startRun) / elapsedS).toFixed(1),
        target_checks_per_s: +((n + 1) / intervalS).toFixed(1),
        lateness_p50_ms: percentile(lateness, 50),
        lateness_p99_ms: percentile(lateness, 99),
        cpu_cores: +((cpu.user + cpu.system) / 1e6 / elapsedS).toFixed(3),
        rss_peak_mb: Math.round(peakRss / 1e6),
        db_growth_mb_per_hour: +((growth / 1e6) * (3600 / elapsedS)).toFixed(1),
        failure_to_public_s: +detectedS.toFixed(1),
      }),
    );
  } finally {
    await server.close();
    target.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const n of sizes) await runOnce(n);
