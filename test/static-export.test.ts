import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { runExportCommand } from '../src/cli/export-command.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// `pharos export` writes the page as static files under the live server's paths, byte for byte what
// the live server sends, so nginx or a CDN can serve the page away from the infrastructure it reports on.

let t: TestApp;
let dir: string;
let incidentId: string;
before(async () => {
  t = await createTestApp({ start: '2026-02-01T09:00:00Z' });
  dir = await mkdtemp(join(tmpdir(), 'pharos-export-'));
  const api = await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API' } });
  const incident = await t.request({
    method: 'POST',
    url: '/api/v1/incidents',
    json: {
      name: 'Delayed deliveries',
      status: 'identified',
      message: 'A queue is backed up.',
      components: [{ component_id: api.body.id, status: 'degraded_performance' }],
    },
  });
  incidentId = incident.body.id;
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

test('the export holds the live paths with the live bytes', async () => {
  let printed = '';
  const code = await runExportCommand(t.app, { publicUrl: 'http://status.test' }, ['--out', dir], (s) => {
    printed += s;
  });
  assert.equal(code, 0);
  assert.match(printed, /Exported "Acme Status" to .*: \d+ files/);
  const pairs: Array<[string, string]> = [
    ['/', 'index.html'],
    ['/history', 'history/index.html'],
    [`/incidents/${incidentId}`, `incidents/${incidentId}/index.html`],
    ['/api/v2/summary.json', 'api/v2/summary.json'],
    ['/api/v2/scheduled-maintenances/upcoming.json', 'api/v2/scheduled-maintenances/upcoming.json'],
    ['/maintenance.ics', 'maintenance.ics'],
    ['/assets/local-time.js', 'assets/local-time.js'],
  ];
  for (const [url, file] of pairs) {
    const live = await t.http.inject({ method: 'GET', url });
    assert.equal(live.statusCode, 200, url);
    assert.equal(await readFile(join(dir, file), 'utf8'), live.body, `${file} matches ${url}`);
  }
  const index = await readFile(join(dir, 'index.html'));
  assert.deepEqual(gunzipSync(await readFile(join(dir, 'index.html.gz'))), index);
  assert.ok((await stat(join(dir, '404.html'))).size > 0);
  assert.match(index.toString(), /Delayed deliveries/);
});

test('an unknown page slug is an error, and --out is required', async () => {
  await assert.rejects(
    runExportCommand(t.app, { publicUrl: 'http://status.test' }, ['--out', dir, '--page', 'nope'], () => undefined),
    (error: { code?: string }) => error.code === 'PAGE_NOT_FOUND',
  );
  assert.equal(await runExportCommand(t.app, { publicUrl: 'http://status.test' }, [], () => undefined), 2);
});
