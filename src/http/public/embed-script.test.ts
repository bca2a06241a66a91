import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

// Functions passed to page.evaluate run in the browser; the project has no DOM types, so they
// reach the window through globalThis.
import { renderEmbedScript } from './embed-script.js';

// The widget in a real browser: a host site on one loopback origin includes the script served by a
// "status page" on another origin, which answers summary.json with CORS as Pharos does.

let summary: unknown;
let browser: Browser;
let statusServer: Server;
let hostServer: Server;
let statusUrl: string;
let hostUrl: string;

const operational = {
  page: { id: 'p', name: 'Acme Status', url: 'https://status.acme.test', time_zone: 'UTC', updated_at: '' },
  status: { indicator: 'none', description: 'All Systems Operational' },
  components: [],
  incidents: [],
  scheduled_maintenances: [],
};

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

before(async () => {
  statusServer = createServer((req, res) => {
    if (req.url === '/embed/script.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(renderEmbedScript({ baseUrl: statusUrl }));
    } else if (req.url === '/api/v2/summary.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(summary));
    } else {
      res.writeHead(404).end();
    }
  });
  hostServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // The host records its globals and the widget's report before the widget loads.
    res.end(`<!doctype html><html lang="en"><head><title>Host</title>
<script>
  window.hostGlobals = Object.keys(globalThis);
  window.embedReport = new Promise((resolve) => document.addEventListener('pharos:embed', (e) => resolve(e.detail)));
</script>
<script src="${statusUrl}/embed/script.js" async></script></head>
<body><h1>A customer's site</h1><style>div { display: none !important; color: red; }</style></body></html>`);
  });
  statusUrl = await listen(statusServer);
  hostUrl = await listen(hostServer);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});

after(async () => {
  await browser.close();
  statusServer.close();
  hostServer.close();
});

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; shown: boolean }> {
  const page = await browser.newPage({ colorScheme });
  await page.goto(hostUrl);
  const report = await page.evaluate(() => (globalThis as any).embedReport as Promise<{ shown: boolean }>);
  return { page, shown: report.shown };
}

describe('the embed script', () => {
  test('is small', () => {
    assert.ok(Buffer.byteLength(renderEmbedScript({ baseUrl: 'https://status.example.com' })) < 3 * 1024);
  });

  test('shows nothing while everything is operational', async () => {
    summary = operational;
    const { page, shown } = await open();
    assert.equal(shown, false);
    assert.equal(await page.locator('pharos-status-notice').count(), 0);
    await page.close();
  });

  test('shows an accessible, dismissible notice for an unresolved incident', async () => {
    summary = {
      ...operational,
      status: { indicator: 'major', description: 'Partial System Outage' },
      incidents: [
        {
          id: 'inc1',
          name: 'API errors <b>in EU</b>',
          status: 'investigating',
          updated_at: '2026-07-01T10:00:00Z',
          shortlink: 'https://status.acme.test/incidents/inc1',
        },
      ],
    };
    const { page, shown } = await open();
    assert.equal(shown, true);
    const notice = page.getByRole('status');
    await notice.waitFor();
    // The host's own CSS ("div { display: none }") does not reach inside the widget.
    assert.ok(await notice.isVisible());
    assert.match(await notice.innerText(), /Incident: API errors <b>in EU<\/b>/);
    const link = notice.getByRole('link', { name: 'View Acme Status' });
    assert.equal(await link.getAttribute('href'), 'https://status.acme.test/incidents/inc1');
    const box = await notice.boundingBox();
    const viewport = page.viewportSize()!;
    assert.ok(box && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height);
    assert.ok(box.y > viewport.height / 2, 'sits in the bottom corner');

    // No globals beyond the host's own.
    const leaked = await page.evaluate(() =>
      Object.keys(globalThis).filter(
        (k) => !(globalThis as any).hostGlobals.includes(k) && k !== 'hostGlobals' && k !== 'embedReport',
      ),
    );
    assert.deepEqual(leaked, []);

    await notice.getByRole('button', { name: 'Dismiss status notice' }).click();
    assert.equal(await page.locator('pharos-status-notice').count(), 0);
    // Dismissed for the rest of the visit, until the incident changes.
    await page.reload();
    assert.equal(
      (await page.evaluate(() => (globalThis as any).embedReport as Promise<{ shown: boolean }>)).shown,
      false,
    );
    await page.close();
  });

  test('shows in-progress maintenance, and follows a dark colour scheme', async () => {
    summary = {
      ...operational,
      scheduled_maintenances: [
        { id: 'm0', name: 'Later', status: 'scheduled', scheduled_for: '2026-08-01T00:00:00Z', updated_at: 'x' },
        {
          id: 'm1',
          name: 'Database upgrade',
          status: 'in_progress',
          scheduled_for: '2026-07-01T00:00:00Z',
          updated_at: 'y',
          shortlink: 'javascript:alert(1)',
        },
      ],
    };
    const light = await open('light');
    const dark = await open('dark');
    for (const { page, shown } of [light, dark]) {
      assert.equal(shown, true);
      const notice = page.getByRole('status');
      assert.match(await notice.innerText(), /Maintenance in progress: Database upgrade/);
      // A link that is not http(s) falls back to the page's URL.
      assert.equal(await notice.getByRole('link').getAttribute('href'), 'https://status.acme.test');
    }
    const background = (page: Page) =>
      page.getByRole('status').evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
    assert.equal(await background(light.page), 'rgb(255, 255, 255)');
    assert.equal(await background(dark.page), 'rgb(32, 33, 36)');
    await light.page.close();
    await dark.page.close();
  });

  test('a status page that does not answer shows nothing', async () => {
    const down = createServer((_req, res) => res.writeHead(503).end());
    const downUrl = await listen(down);
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><body><script>
      window.embedReport = new Promise((resolve) => document.addEventListener('pharos:embed', (e) => resolve(e.detail)));
    </script></body></html>`);
    await page.addScriptTag({ content: renderEmbedScript({ baseUrl: downUrl }) });
    const report = await page.evaluate(() => (globalThis as any).embedReport as Promise<{ shown: boolean }>);
    assert.equal(report.shown, false);
    await page.close();
    down.close();
  });
});
