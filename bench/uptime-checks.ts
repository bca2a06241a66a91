// How long the public page's "what monitors measured" figures take to read: 50 components, each
// with one monitor that has 90 days of hourly roll-ups (108,000 rows), summed per page-local day in
// one grouped query (`listDailyCheckTotals`), and what a snapshot rebuild pays for the whole uptime
// read with the settled-days cache cold and warm.
//
//   npx tsx bench/uptime-checks.ts                 (SQLite in a temporary directory)
//   DATABASE_URL=postgres://… npx tsx bench/uptime-checks.ts   (an empty PostgreSQL database)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createComponent } from '../src/app/components/create-component.js';
import { createAppContext } from '../src/app/context.js';
import { loadUptime, type CheckTotalsCache } from '../src/app/public/load-uptime.js';
import { createMonitor } from '../src/app/monitors/create-monitor.js';
import { ensureDefaultPage } from '../src/app/pages/ensure-default-page.js';
import { histogramOf } from '../src/core/latency-histogram.js';
import { uptimeDayEdges } from '../src/core/uptime.js';
import { upsertRollups, type CheckRollup } from '../src/store/check-rollups-store.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { listDailyCheckTotals } from '../src/store/uptime-store.js';

const dataDir = await mkdtemp(join(tmpdir(), 'pharos-uptime-checks-'));
const database = openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir });
await migrateToLatest(database);
const app = createAppContext(database.db, database.dialect);
const actor = { type: 'system' as const, id: null, name: 'bench', role: 'admin' as const };
const page = await ensureDefaultPage(app, { name: 'Bench', timeZone: 'Europe/Paris' });
const now = new Date();
const histogram = histogramOf([20, 40, 80]);
for (let c = 0; c < 50; c++) {
  const component = await createComponent(app, actor, { name: `Component ${c}` });
  const { monitor } = await createMonitor(app, actor, {
    type: 'http',
    name: `Monitor ${c}`,
    componentId: component.id,
    settings: { url: 'https://example.com/health' },
  });
  const rows: CheckRollup[] = [];
  for (let h = 0; h < 90 * 24; h++) {
    const start = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - (h + 1) * 3_600_000);
    rows.push({
      monitorId: monitor.id,
      resolution: 'hour',
      bucketStart: start.toISOString(),
      count: 120,
      failures: h % 97 === 0 ? 3 : 0,
      p50Ms: 40,
      p95Ms: 80,
      p99Ms: 80,
      histogram,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await upsertRollups(database.db, rows.slice(i, i + 500));
}
const edges = uptimeDayEdges(90, page.timeZone, now);
await listDailyCheckTotals(database.db, page.id, edges); // warm up
const times: number[] = [];
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  const rows = await listDailyCheckTotals(database.db, page.id, edges);
  times.push(performance.now() - started);
  if (rows.length < 50 * 90) throw new Error(`expected a row per component and day, got ${rows.length}`);
}
times.sort((a, b) => a - b);
// What a snapshot rebuild pays: the whole uptime read, first with an empty cache, then warm.
const cache: CheckTotalsCache = new Map();
let started = performance.now();
await loadUptime(database.db, page, now, 90, cache);
const coldMs = performance.now() - started;
const warm: number[] = [];
for (let i = 0; i < 10; i++) {
  started = performance.now();
  await loadUptime(database.db, page, now, 90, cache);
  warm.push(performance.now() - started);
}
warm.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    dialect: database.dialect,
    rollup_rows: 50 * 90 * 24,
    full_query_ms_p50: +times[5]!.toFixed(1),
    full_query_ms_max: +times.at(-1)!.toFixed(1),
    load_uptime_cold_ms: +coldMs.toFixed(1),
    load_uptime_warm_ms_p50: +warm[5]!.toFixed(1),
  }),
);
await database.close();
await rm(dataDir, { recursive: true, force: true });
