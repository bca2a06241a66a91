// What a snapshot rebuild of the bench page costs on the event loop: the database read (uptime,
// incidents, history) and the HTML render of `/` (129 KB: 50 components, 90-day bars), then its gzip.
// The render runs on the first request after each rebuild, so its time shows in the public p99.
//
//   npx tsx bench/page-render.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppContext } from '../src/app/context.js';
import type { LanguageChoice } from '../src/http/public/i18n/negotiate-language.js';
import { createPublicSnapshots } from '../src/http/public/public-snapshots.js';
import { openDatabase } from '../src/store/database.js';
import { seedBenchPage } from './seed-bench-page.js';

const dir = await mkdtemp(join(tmpdir(), 'pharos-page-render-'));
await seedBenchPage(dir);
const database = openDatabase({ databaseUrl: null, dataDir: dir });
const app = createAppContext(database.db, database.dialect);
const snapshots = createPublicSnapshots(app, {
  publicUrl: 'http://bench.test',
  refreshMs: 3_600_000,
  pollMs: 3_600_000,
});
await snapshots.start();
const lang: LanguageChoice = { lang: 'en', explicit: false };
const rounds = { rebuild: [] as number[], render: [] as number[], gzip: [] as number[] };
let bytes = 0;
for (let i = 0; i < 12; i++) {
  let started = performance.now();
  await snapshots.refreshAll();
  const rebuild = performance.now() - started;
  const snapshot = snapshots.snapshots()[0]!;
  started = performance.now();
  const file = snapshot.file({ kind: 'index' }, lang, '')!;
  const render = performance.now() - started;
  started = performance.now();
  file.encoded('gzip');
  const gzip = performance.now() - started;
  bytes = file.body.length;
  if (i < 2) continue; // warm-up
  rounds.rebuild.push(rebuild);
  rounds.render.push(render);
  rounds.gzip.push(gzip);
}
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
console.log(
  JSON.stringify({
    html_bytes: bytes,
    rebuild_ms_median: median(rounds.rebuild),
    render_ms_median: median(rounds.render),
    gzip_ms_median: median(rounds.gzip),
  }),
);
await snapshots.stop();
await database.close();
await rm(dir, { recursive: true, force: true });
