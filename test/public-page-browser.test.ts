import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { auditAccessibility, launchBrowser, screenshot } from './support/browser.js';
import { SEED_SCENARIOS } from './support/seed-scenarios.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// Each seed's page rendered in headless Chromium: visible text, an axe-core audit (WCAG 2.1 AA) with
// no violations, in light and dark themes and on a phone-sized screen, with screenshots kept.

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser.close());

for (const scenario of SEED_SCENARIOS) {
  describe(scenario.name, () => {
    let t: TestApp;
    let base: string;
    let built: Awaited<ReturnType<typeof scenario.build>>;
    before(async () => {
      t = await createTestApp({ start: scenario.start });
      built = await scenario.build(t);
      base = await t.http.listen({ port: 0, host: '127.0.0.1' });
    });
    after(() => t.close());

    for (const scheme of ['light', 'dark'] as const) {
      test(`front page (${scheme}): the reader sees the status, and nothing fails the audit`, async () => {
        const context = await browser.newContext({
          colorScheme: scheme,
          timezoneId: 'Asia/Tokyo',
          locale: scenario.locale,
          bypassCSP: true,
        });
        const page = await context.newPage();
        const response = await page.goto(`${base}/`);
        assert.equal(response?.status(), 200);
        const text = await page.locator('body').innerText();
        for (const expected of built.expectFront) assert.ok(text.includes(expected), `front page shows "${expected}"`);
        const violations = await auditAccessibility(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        await screenshot(page, `${scenario.name}-front-${scheme}`);
        await context.close();
      });
    }

    test('incident page: every update, newest first, and the affected components', async () => {
      const context = await browser.newContext({ locale: scenario.locale, bypassCSP: true });
      const page = await context.newPage();
      assert.equal((await page.goto(`${base}/incidents/${built.incidentId}`))?.status(), 200);
      const text = await page.locator('main').innerText();
      for (const expected of built.expectIncident)
        assert.ok(text.includes(expected), `incident page shows "${expected}"`);
      const stamps = await page
        .locator('li.upd time')
        .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
      assert.deepEqual(stamps, [...stamps].sort().reverse(), 'updates are newest first');
      assert.deepEqual(await auditAccessibility(page), []);
      await screenshot(page, `${scenario.name}-incident`);
      await context.close();
    });

    test('history page and the French interface on a phone', async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        bypassCSP: true,
      });
      const page = await context.newPage();
      assert.equal((await page.goto(`${base}/history`))?.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.ok((await page.locator('h1').innerText()).includes('Historique des incidents'));
      assert.deepEqual(await auditAccessibility(page), []);
      await screenshot(page, `${scenario.name}-history-fr-phone`);
      await context.close();
    });
  });
}

describe('times in the reader’s zone', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp({ start: '2026-01-15T12:00:00Z' });
    await t.request({ method: 'PATCH', url: `/api/v1/pages/${t.defaultPage.id}`, json: { time_zone: 'Europe/Paris' } });
    const api = await t.request({ method: 'POST', url: '/api/v1/components', json: { name: 'API' } });
    await t.request({
      method: 'POST',
      url: '/api/v1/incidents',
      json: {
        name: 'Slow API',
        status: 'investigating',
        message: 'Looking.',
        components: [{ component_id: api.body.id, status: 'degraded_performance' }],
      },
    });
    base = await t.http.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  test('the server writes the page’s zone; the browser rewrites it in the reader’s', async () => {
    const raw = await (await fetch(`${base}/`)).text();
    assert.match(raw, /Jan 15, 2026, 13:00 CET/, 'server-rendered in the page zone with its abbreviation');
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const shown = await page.locator('li.upd time').first().innerText();
    assert.match(shown, /07:00/);
    assert.match(shown, /EST/);
    assert.match(await page.locator('footer').innerText(), /your time zone \(America\/New_York\)/);
    await context.close();
  });

  test('the sign-up form on the page posts to /subscribe and answers the same for every address', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('E-mail address').fill('reader@example.com');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Subscribe' }).click()]);
    assert.match(await page.locator('body').innerText(), /confirmation link/);
    await context.close();
  });
});
