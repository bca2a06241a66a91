import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../src/app/context.js';
import { createComponent } from '../src/app/components/create-component.js';
import { createPublicSnapshots } from '../src/http/public/public-snapshots.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// The snapshot read path over HTTP: validators, compression, languages, pages by slug and by Host,
// CORS, and freshness after local writes and after writes by another node.

describe('public snapshot', () => {
  let t: TestApp;
  let componentId: string;
  before(async () => {
    t = await createTestApp({ start: '2026-03-10T10:00:00Z' });
    componentId = (await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API' } })).body.id;
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}, host?: string) =>
    t.http.inject({ method: 'GET', url, headers: { ...headers, ...(host ? { host } : {}) } });

  test('an ETag round trip answers 304 with no body, for HTML and JSON', async () => {
    for (const url of ['/', '/api/v2/summary.json', '/maintenance.ics', '/history']) {
      const first = await get(url);
      assert.equal(first.statusCode, 200, url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^W\/"[\w-]+"$/);
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
    }
  });

  test('brotli and gzip bodies decode to the same bytes as the plain one', async () => {
    const plain = await get('/');
    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 3, 'compression pays');
    assert.equal(plain.headers.vary, 'Accept-Encoding, Accept-Language');
    const refused = await get('/', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  test('language: ?lang= first, then Accept-Language, then the page default; links keep an explicit choice', async () => {
    const byQuery = await get('/?lang=fr', { 'accept-language': 'en' });
    assert.match(byQuery.body, /<html lang="fr">/);
    assert.match(byQuery.body, /Tous les systèmes sont opérationnels/);
    assert.match(byQuery.body, /href="\/history\?lang=fr"/);
    const byHeader = await get('/', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    assert.match(byHeader.body, /<html lang="fr">/);
    assert.match(byHeader.body, /href="\/history"/);
    assert.match((await get('/', { 'accept-language': 'de' })).body, /<html lang="en">/);
  });

  test('JSON, feeds and the calendar are readable cross-origin; preflights answer 204', async () => {
    const json = await get('/api/v2/summary.json');
    assert.equal(json.headers['access-control-allow-origin'], '*');
    assert.equal(JSON.parse(json.body).components[0].name, 'API');
    const preflight = await t.http.inject({
      method: 'OPTIONS',
      url: '/api/v2/summary.json',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal((await get('/')).headers['access-control-allow-origin'], undefined);
  });

  test('feeds, badge, embed script and uptime bars come from the same snapshot', async () => {
    const rss = await get('/history.rss');
    assert.equal(rss.statusCode, 200);
    assert.match(String(rss.headers['content-type']), /application\/rss\+xml/);
    const atom = await get('/history.atom');
    assert.match(String(atom.headers['content-type']), /application\/atom\+xml/);
    const badge = await get('/badge.svg');
    assert.match(String(badge.headers['content-type']), /image\/svg\+xml/);
    assert.match(badge.body, /^<svg/);
    assert.equal(badge.headers['access-control-allow-origin'], '*');
    const embed = await get('/embed/script.js');
    assert.match(String(embed.headers['content-type']), /text\/javascript/);
    assert.match(embed.body, /var B="http:\/\/status\.test"/);
    t.clock.advance(3600);
    await t.refreshPublic();
    const page = await get('/');
    assert.match(page.body, /class="bars"/);
    assert.match(page.body, /100\.00 % uptime/);
    assert.match(page.body, /partial outage as 0\.3/);
  });

  test('a maintenance window has its page at /incidents/{id}, as its shortlink says', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/maintenances',
      json: {
        name: 'Database upgrade',
        message: 'We upgrade the **primary** database.',
        component_ids: [componentId],
        scheduled_for: '2026-03-12T22:00:00Z',
        scheduled_until: '2026-03-12T23:00:00Z',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const windowId = created.body.windows[0].id;
    const page = await get(`/incidents/${windowId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Database upgrade/);
    assert.match(page.body, /<strong>primary<\/strong>/);
    assert.match((await get('/')).body, new RegExp(`href="/incidents/${windowId}"`));
  });

  test('HEAD answers the headers without a body', async () => {
    const head = await t.http.inject({ method: 'HEAD', url: '/api/v2/status.json' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    assert.ok(Number(head.headers['content-length']) > 0);
  });

  test('an unknown incident gets the page’s own 404; an unknown slug a JSON 404', async () => {
    const missing = await get('/incidents/doesnotexist', { 'accept-language': 'fr' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page introuvable/);
    const slug = await get('/p/nope/api/v2/summary.json');
    assert.equal(slug.statusCode, 404);
    assert.equal(JSON.parse(slug.body).error.code, 'PAGE_NOT_FOUND');
  });

  test('a write shows on the public page as soon as the API has answered', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: {
        name: 'Elevated error rates',
        status: 'investigating',
        message: 'We are looking into it.',
        components: [{ component_id: componentId, status: 'partial_outage' }],
      },
    });
    assert.equal(res.status, 201);
    const summary = JSON.parse((await get('/api/v2/summary.json')).body);
    assert.equal(summary.status.indicator, 'major');
    assert.equal(summary.incidents[0].name, 'Elevated error rates');
    const page = await get(`/incidents/${res.body.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Elevated error rates/);
    assert.match(page.body, /We are looking into it\./);
  });

  test('another page by /p/{slug} and by its custom domain, with links to match', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/pages',
      json: { name: 'Acme EU', slug: 'acme-eu', custom_domain: 'status.acme.eu', accent_color: '#aa3300' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const bySlug = await get('/p/acme-eu/');
    assert.equal(bySlug.statusCode, 200);
    assert.match(bySlug.body, /Acme EU/);
    assert.match(bySlug.body, /href="\/p\/acme-eu\/history"/);
    assert.match(bySlug.body, /--accent:#aa3300/);
    const byHost = await get('/', {}, 'status.acme.eu:443');
    assert.match(byHost.body, /Acme EU/);
    assert.match(byHost.body, /href="\/history"/);
    const json = JSON.parse((await get('/api/v2/status.json', {}, 'status.acme.eu')).body);
    assert.equal(json.page.name, 'Acme EU');
    assert.equal(json.page.url, 'https://status.acme.eu');
    const taken = await t.request({
      method: 'POST',
      url: '/api/v1/pages',
      json: { name: 'Other', slug: 'other', custom_domain: 'STATUS.acme.eu' },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'PAGE_DOMAIN_TAKEN');
  });

  test('bad branding is refused with a code that names the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ accent_color: 'red' }, 'INVALID_ACCENT_COLOR'],
      [{ logo_url: 'javascript:alert(1)' }, 'INVALID_LOGO_URL'],
      [{ footer_links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'INVALID_FOOTER_LINK'],
      [{ custom_domain: 'https://status.example.com' }, 'INVALID_CUSTOM_DOMAIN'],
      [{ default_lang: 'de' }, 'INVALID_LANGUAGE'],
    ];
    for (const [json, code] of cases) {
      const res = await t.request({ method: 'PATCH', url: `/api/v1/pages/${t.defaultPage.id}`, json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.error.code, code);
    }
  });

  test('a write by another node reaches this node’s snapshot through the change counter', async () => {
    // A second registry stands for another process polling the same database.
    const otherNode = createAppContext(t.app.db, t.app.dialect, { now: t.clock.now });
    const watcher = createPublicSnapshots(createAppContext(t.app.db, t.app.dialect, { now: t.clock.now }), {
      publicUrl: 'http://status.test',
      pollMs: 20,
    });
    await watcher.start();
    try {
      const before = watcher.resolve(undefined, '/')!.snapshot;
      const system = { type: 'system' as const, id: null, name: 'other node', role: 'admin' as const };
      await createComponent(otherNode, system, { name: 'Webhooks' });
      const deadline = Date.now() + 5_000;
      while (watcher.resolve(undefined, '/')!.snapshot === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const names = watcher.resolve(undefined, '/')!.snapshot.data.view.components.map((c) => c.name);
      assert.ok(names.includes('Webhooks'));
    } finally {
      await watcher.stop();
    }
  });
});
