import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { loadPageView, type PageView } from '../../app/public/load-page-view.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { renderAtom, renderRss } from './feeds.js';

// Feeds built from a real page view (incidents and a maintenance window entered through the API)
// and read back with a real feed parser.

let t: TestApp;
let view: PageView;
const ids: Record<string, string> = {};
const opts = { baseUrl: 'https://status.example.com', pageUrl: 'https://status.example.com' };

async function post(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

before(async () => {
  t = await createTestApp({ start: '2026-07-01T08:00:00Z' });
  const api = await post('components', { name: 'API' });
  t.clock.set('2026-07-02T09:00:00Z');
  const first = await post('incidents', {
    name: 'Old & <resolved> "issue"',
    status: 'investigating',
    message: 'Looking into **errors**.',
    components: [{ component_id: api.id, status: 'partial_outage' }],
  });
  ids.first = first.id;
  t.clock.set('2026-07-02T10:30:00Z');
  await post(`incidents/${first.id}/updates`, {
    status: 'resolved',
    message: 'Fixed. <script>alert(1)</script> See [notes](https://example.com/n?a=1&b=2).\u0007',
    components: [{ component_id: api.id, status: 'operational' }],
  });
  t.clock.set('2026-07-03T12:00:00Z');
  ids.second = (await post('incidents', { name: 'Slow API', status: 'identified', message: 'We found the cause.' })).id;
  t.clock.set('2026-07-03T13:00:00Z');
  const maintenance = await post('maintenances', {
    name: 'Database upgrade',
    message: 'Upgrading the database.',
    component_ids: [api.id],
    scheduled_for: '2026-07-10T20:00:00Z',
    scheduled_until: '2026-07-10T22:00:00Z',
  });
  ids.maintenance = maintenance.windows[0].id;
  view = await loadPageView(t.app.db, t.defaultPage, t.app.now());
});
after(() => t.close());

describe('renderRss', () => {
  test('is well-formed XML that a feed parser reads, items newest first', () => {
    const body = renderRss(view, opts);
    assert.equal(XMLValidator.validate(body), true);
    const feed = parseFeed(body);
    assert.equal(feed.title, 'Acme Status - Incident History');
    assert.equal(feed.url, 'https://status.example.com');
    assert.equal(feed.self, 'https://status.example.com/history.rss');
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.url, i.id]),
      [
        [
          'Database upgrade',
          `https://status.example.com/incidents/${ids.maintenance}`,
          `https://status.example.com/incidents/${ids.maintenance}`,
        ],
        [
          'Slow API',
          `https://status.example.com/incidents/${ids.second}`,
          `https://status.example.com/incidents/${ids.second}`,
        ],
        [
          'Old & <resolved> "issue"',
          `https://status.example.com/incidents/${ids.first}`,
          `https://status.example.com/incidents/${ids.first}`,
        ],
      ],
    );
    const old = feed.items[2]!;
    assert.equal(old.published?.toISOString(), '2026-07-02T09:00:00.000Z');
  });

  test('each item lists its updates newest first, rendered from Markdown and sanitised', () => {
    const old = parseFeed(renderRss(view, opts)).items[2]!;
    const html = old.description ?? '';
    const resolvedAt = html.indexOf('Resolved');
    const investigatingAt = html.indexOf('Investigating');
    assert.ok(resolvedAt >= 0 && investigatingAt > resolvedAt, html);
    assert.match(html, /Jul 2, 2026, 10:30 UTC/);
    assert.match(html, /<strong>errors<\/strong>/);
    // The parser hands back the HTML with entities decoded.
    assert.match(html, /<a href="https:\/\/example.com\/n\?a=1&(amp;)?b=2" rel="nofollow noopener">notes<\/a>/);
    assert.doesNotMatch(html, /<script|alert\(1\)/);
    assert.ok(!html.includes('\u0007'), 'control characters are dropped');
  });

  test('a maintenance window says when it is planned', () => {
    const item = parseFeed(renderRss(view, opts)).items[0]!;
    assert.match(item.description ?? '', /Scheduled for Jul 10, 2026, 20:00 UTC – Jul 10, 2026, 22:00 UTC/);
    assert.match(item.description ?? '', /Upgrading the database\./);
  });
});

describe('renderAtom', () => {
  test('is well-formed Atom with ids, links, dates and content', () => {
    const body = renderAtom(view, opts);
    assert.equal(XMLValidator.validate(body), true);
    const feed = parseFeed(body);
    assert.equal(feed.meta.type, 'atom');
    assert.equal(feed.title, 'Acme Status - Incident History');
    assert.equal(feed.self, 'https://status.example.com/history.atom');
    assert.equal(feed.updated?.toISOString(), '2026-07-03T13:00:00.000Z');
    const old = feed.items.find((i) => i.id === `https://status.example.com/incidents/${ids.first}`)!;
    assert.equal(old.title, 'Old & <resolved> "issue"');
    assert.equal(old.url, `https://status.example.com/incidents/${ids.first}`);
    assert.equal(old.published?.toISOString(), '2026-07-02T09:00:00.000Z');
    assert.equal(old.updated?.toISOString(), '2026-07-02T10:30:00.000Z');
    assert.match(old.content ?? '', /<strong>Resolved<\/strong>/);
    assert.doesNotMatch(old.content ?? '', /<script/);
  });

  test('the same view gives the same bytes', () => {
    assert.equal(renderAtom(view, opts), renderAtom(view, opts));
    assert.equal(renderRss(view, opts), renderRss(view, opts));
  });

  test('times follow the page time zone with its abbreviation', () => {
    const newYork = { ...view, page: { ...view.page, timeZone: 'America/New_York' } };
    const feed = parseFeed(renderAtom(newYork, opts));
    const old = feed.items.find((i) => i.id?.endsWith(ids.first!))!;
    assert.match(old.content ?? '', /Jul 2, 2026, 06:30 EDT/);
  });

  test('an empty history is still a valid feed', () => {
    const empty = { ...view, recentIncidents: [], recentMaintenances: [] };
    const feed = parseFeed(renderAtom(empty, opts));
    assert.equal(feed.items.length, 0);
    assert.equal(XMLValidator.validate(renderRss(empty, opts)), true);
  });
});
