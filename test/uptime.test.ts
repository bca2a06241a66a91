import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { loadUptime, type CheckTotalsCache, type ComponentUptime } from '../src/app/public/load-uptime.js';
import { histogramOf } from '../src/core/latency-histogram.js';
import type { UptimeDay } from '../src/core/uptime.js';
import { upsertRollups } from '../src/store/check-rollups-store.js';
import { findPageById } from '../src/store/pages-store.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Uptime bars read from what incidents and maintenance windows recorded, on SQLite and PostgreSQL.

let t: TestApp;
const ids = {} as Record<string, string>;

async function post(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function day(series: { days: UptimeDay[] }, date: string): UptimeDay {
  const found = series.days.find((d) => d.date === date);
  assert.ok(found, `no bar for ${date}`);
  return found;
}

function segment(c: ComponentUptime, segmentId: string | undefined): { days: UptimeDay[]; percent: number | null } {
  return c.segments.find((s) => s.segmentId === segmentId)!.uptime;
}

describe('loadUptime', () => {
  let result: Awaited<ReturnType<typeof loadUptime>>;
  before(async () => {
    t = await createTestApp({ start: '2026-07-01T00:00:00Z' });
    ids.eu = (await post('segments', { name: 'EU' })).id;
    ids.us = (await post('segments', { name: 'US' })).id;
    ids.api = (await post('components', { name: 'API' })).id;
    ids.web = (await post('components', { name: 'Web', start_date: '2026-07-05' })).id;

    // A three-hour major outage in the EU only, resolved.
    t.clock.set('2026-07-10T12:00:00Z');
    const eu = await post('incidents', {
      name: 'EU down',
      started_at: '2026-07-10T10:00:00Z',
      components: [{ component_id: ids.api, segment_id: ids.eu, status: 'major_outage' }],
      message: 'Down in the EU.',
    });
    ids.euIncident = eu.id;
    t.clock.set('2026-07-10T14:00:00Z');
    await post(`incidents/${eu.id}/updates`, {
      status: 'resolved',
      message: 'Fixed.',
      components: [
        { component_id: ids.api, segment_id: ids.eu, status: 'operational', effective_at: '2026-07-10T13:00:00Z' },
      ],
    });

    // A backfilled partial outage from before the component existed in Pharos.
    t.clock.set('2026-07-12T08:00:00Z');
    const old = await post('incidents', {
      name: 'Old slowness',
      backfilled: true,
      started_at: '2026-06-20T00:00:00Z',
      components: [{ component_id: ids.api, status: 'partial_outage' }],
      message: 'Entered after the fact.',
    });
    ids.oldIncident = old.id;
    await post(`incidents/${old.id}/updates`, {
      status: 'resolved',
      message: 'It was over by 10:00.',
      components: [{ component_id: ids.api, status: 'operational', effective_at: '2026-06-20T10:00:00Z' }],
    });

    // A deleted incident counts for nothing.
    const deleted = await post('incidents', {
      name: 'Mistake',
      components: [{ component_id: ids.web, status: 'major_outage' }],
      message: 'Oops.',
    });
    const del = await t.request({ method: 'DELETE', url: `/api/v1/incidents/${deleted.id}` });
    assert.ok(del.status < 300, JSON.stringify(del.body));

    // A maintenance window in the US, entered after it ran.
    t.clock.set('2026-07-14T08:00:00Z');
    await post('maintenances', {
      name: 'US database resync',
      message: 'Planned.',
      components: [{ component_id: ids.api, segment_id: ids.us }],
      scheduled_for: '2026-07-13T09:00:00Z',
      scheduled_until: '2026-07-13T11:00:00Z',
    });

    // An outage still open at the time of reading.
    t.clock.set('2026-07-14T20:00:00Z');
    ids.openIncident = (
      await post('incidents', {
        name: 'API down',
        components: [{ component_id: ids.api, status: 'major_outage' }],
        message: 'Investigating.',
      })
    ).id;

    result = await loadUptime(t.app.db, t.defaultPage, new Date('2026-07-15T02:00:00Z'), 30);
  });
  after(() => t.close());

  test('one entry per live component in display order, with every segment', () => {
    assert.equal(result.days, 30);
    assert.deepEqual(
      result.components.map((c) => c.componentId),
      [ids.api, ids.web],
    );
    for (const c of result.components) {
      assert.deepEqual(
        c.segments.map((s) => s.segmentId),
        [ids.eu, ids.us],
      );
      assert.equal(c.uptime.days.length, 30);
      assert.equal(c.uptime.days.at(-1)!.date, '2026-07-15');
    }
  });

  test('a segment outage shows on that segment and on the component, not on other segments', () => {
    const api = result.components[0]!;
    assert.equal(day(api.uptime, '2026-07-10').majorMinutes, 180);
    assert.deepEqual(day(api.uptime, '2026-07-10').incidentIds, [ids.euIncident]);
    assert.equal(day(segment(api, ids.eu), '2026-07-10').majorMinutes, 180);
    assert.equal(day(segment(api, ids.eu), '2026-07-10').status, 'major_outage');
    assert.equal(day(segment(api, ids.us), '2026-07-10').majorMinutes, 0);
    assert.equal(day(segment(api, ids.us), '2026-07-10').status, 'operational');
  });

  test('backfilled history counts, even from before the component was created', () => {
    const api = result.components[0]!;
    const june20 = day(api.uptime, '2026-06-20');
    assert.equal(june20.partialMinutes, 600);
    assert.deepEqual(june20.incidentIds, [ids.oldIncident]);
    assert.equal(june20.uptime, 1 - (0.3 * 600) / 1440);
    assert.equal(day(api.uptime, '2026-06-19').status, null);
    // A whole-component change reaches every segment.
    assert.equal(day(segment(api, ids.us), '2026-06-20').partialMinutes, 600);
  });

  test('maintenance in one segment is excluded there and on the component', () => {
    const api = result.components[0]!;
    assert.equal(day(segment(api, ids.us), '2026-07-13').maintenanceMinutes, 120);
    assert.equal(day(segment(api, ids.us), '2026-07-13').status, 'under_maintenance');
    assert.equal(day(segment(api, ids.eu), '2026-07-13').maintenanceMinutes, 0);
    assert.equal(day(api.uptime, '2026-07-13').maintenanceMinutes, 120);
    assert.equal(day(api.uptime, '2026-07-13').uptime, 1);
  });

  test('an open incident counts up to now, across midnight', () => {
    const api = result.components[0]!;
    assert.equal(day(api.uptime, '2026-07-14').majorMinutes, 240);
    assert.equal(day(api.uptime, '2026-07-15').majorMinutes, 120);
    assert.deepEqual(day(api.uptime, '2026-07-15').incidentIds, [ids.openIncident]);
    assert.equal(day(segment(api, ids.eu), '2026-07-15').majorMinutes, 120);
  });

  test('the start date bounds history, and deleted incidents count for nothing', () => {
    const web = result.components[1]!;
    assert.equal(day(web.uptime, '2026-07-04').status, null);
    assert.equal(day(web.uptime, '2026-07-05').status, 'operational');
    assert.ok(web.uptime.days.every((d) => d.majorMinutes === 0));
    assert.equal(web.uptime.percent, 100);
  });

  test('the window percentage follows the formula', () => {
    const api = result.components[0]!;
    // Observed from 2026-06-20 00:00 (window start 06-16) to now; maintenance excluded.
    const observed = (Date.parse('2026-07-15T02:00:00Z') - Date.parse('2026-06-20T00:00:00Z')) / 60_000 - 120;
    const down = 180 + 360 + 0.3 * 600;
    assert.equal(api.uptime.uptime, 1 - down / observed);
  });

  test('reads the whole page with a fixed number of queries, however many components it has', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const counted = t.app.db.withPlugin(counter);
    const now = new Date('2026-07-15T02:00:00Z');
    await loadUptime(counted, t.defaultPage, now, 90);
    const before = queries;
    for (let i = 0; i < 5; i++) await post('components', { name: `Extra ${i}` });
    queries = 0;
    const more = await loadUptime(counted, t.defaultPage, now, 90);
    assert.equal(more.components.length, 7);
    assert.equal(queries, before);
    assert.equal(queries, 6);
  });

  test('backfilled history older than the window still marks the component as existing', async () => {
    const late = await post('components', { name: 'Late' });
    const old = await post('incidents', {
      name: 'Long ago',
      backfilled: true,
      started_at: '2026-07-02T00:00:00Z',
      components: [{ component_id: late.id, status: 'major_outage' }],
      message: 'Entered after the fact.',
    });
    await post(`incidents/${old.id}/updates`, {
      status: 'resolved',
      message: 'Over.',
      components: [{ component_id: late.id, status: 'operational', effective_at: '2026-07-02T01:00:00Z' }],
    });
    const uptime = await loadUptime(t.app.db, t.defaultPage, new Date('2026-07-15T02:00:00Z'), 10);
    const series = uptime.components.find((c) => c.componentId === late.id)!.uptime;
    // The window starts on the 6th, after the incident: every day has data, all operational.
    assert.equal(series.days[0]!.date, '2026-07-06');
    assert.ok(series.days.every((d) => d.status === 'operational'));
    assert.equal(series.percent, 100);
  });
});

describe('what monitors measured, from hourly roll-ups', () => {
  before(async () => {
    t = await createTestApp({ start: '2026-07-01T00:00:00Z' });
  });
  after(() => t.close());

  test('each hour counts on the local day it starts in, per component and per segment, and shows in the tooltip', async () => {
    const page = await post('pages', { name: 'Acme Paris', slug: 'acme-paris', time_zone: 'Europe/Paris' });
    const seg = await post('segments', { name: 'Cloud', page_id: page.id });
    const api = await post('components', { name: 'Mail API', page_id: page.id });
    const target = 'http://127.0.0.1:9/health';
    const whole = await post('monitors', { type: 'http', name: 'Whole', component_id: api.id, url: target });
    const cloud = await post('monitors', {
      type: 'http',
      name: 'Cloud',
      component_id: api.id,
      segment_id: seg.id,
      url: target,
    });
    const hour = (monitorId: string, bucketStart: string, count: number, failures: number) => ({
      monitorId,
      resolution: 'hour' as const,
      bucketStart,
      count,
      failures,
      p50Ms: 20,
      p95Ms: 40,
      p99Ms: 60,
      histogram: histogramOf([20, 40, 60]),
    });
    await upsertRollups(t.app.db, [
      // 23:00 in Paris on the 13th, then midnight of the 14th (CEST, UTC+2).
      hour(whole.id, '2026-07-13T21:00:00.000Z', 60, 2),
      hour(whole.id, '2026-07-13T22:00:00.000Z', 60, 0),
      hour(cloud.id, '2026-07-13T22:00:00.000Z', 1380, 0),
      // Minute buckets do not count twice.
      { ...hour(whole.id, '2026-07-13T21:05:00.000Z', 1, 1), resolution: 'minute' as const },
    ]);
    const stored = (await findPageById(t.app.db, page.id))!;
    const uptime = await loadUptime(t.app.db, stored, new Date('2026-07-15T02:00:00Z'), 5);
    const c = uptime.components.find((x) => x.componentId === api.id)!;
    const dates = c.uptime.days.map((d) => d.date);
    const at = (checks: typeof c.checks, date: string) => checks[dates.indexOf(date)];
    assert.deepEqual(at(c.checks, '2026-07-13'), { count: 60, failures: 2 });
    assert.deepEqual(at(c.checks, '2026-07-14'), { count: 1440, failures: 0 });
    assert.equal(at(c.checks, '2026-07-12'), null);
    // With a cache, settled days are read once; today is read every time.
    const cache: CheckTotalsCache = new Map();
    const cachedNow = new Date('2026-07-15T02:00:00Z');
    const cached = await loadUptime(t.app.db, stored, cachedNow, 5, cache);
    assert.deepEqual(cached.components.find((x) => x.componentId === api.id)!.checks, c.checks);
    await upsertRollups(t.app.db, [
      hour(whole.id, '2026-07-13T23:00:00.000Z', 60, 60), // a settled day: not read again
      hour(whole.id, '2026-07-14T23:00:00.000Z', 60, 1), // 01:00 today in Paris: read
    ]);
    const again = (await loadUptime(t.app.db, stored, cachedNow, 5, cache)).components.find(
      (x) => x.componentId === api.id,
    )!;
    assert.deepEqual(at(again.checks, '2026-07-14'), { count: 1440, failures: 0 });
    assert.deepEqual(at(again.checks, '2026-07-15'), { count: 60, failures: 1 });
    const fresh = (await loadUptime(t.app.db, stored, cachedNow, 5)).components.find((x) => x.componentId === api.id)!;
    assert.deepEqual(at(fresh.checks, '2026-07-14'), { count: 1500, failures: 60 }, 'without a cache, all is read');
    await upsertRollups(t.app.db, [
      hour(whole.id, '2026-07-13T23:00:00.000Z', 0, 0),
      hour(whole.id, '2026-07-14T23:00:00.000Z', 0, 0),
    ]);
    const cloudChecks = c.segments.find((x) => x.segmentId === seg.id)!.checks;
    assert.deepEqual(
      at(cloudChecks, '2026-07-14'),
      { count: 1440, failures: 0 },
      'its own and the whole-component monitor',
    );

    // A day with failed checks gets a tooltip even without an incident; a day with an incident names it.
    t.clock.set('2026-07-15T02:00:00Z');
    const incident = await post('incidents', {
      name: 'Mail API errors',
      page_id: page.id,
      backfilled: true,
      started_at: '2026-07-14T08:00:00Z',
      components: [{ component_id: api.id, status: 'partial_outage' }],
      message: 'Errors.',
    });
    await post(`incidents/${incident.id}/updates`, {
      status: 'resolved',
      message: 'Fixed.',
      components: [{ component_id: api.id, status: 'operational', effective_at: '2026-07-14T09:00:00Z' }],
    });
    await t.refreshPublic();
    const html = (await t.http.inject({ method: 'GET', url: '/p/acme-paris/' })).body;
    assert.match(html, /title="Jul 13: no downtime, checks passed 58 of 60"/);
    assert.match(html, /title="Jul 14: partial outage 1 h[^"]*checks passed 1,440 of 1,440 — Mail API errors"/);
  });
});
