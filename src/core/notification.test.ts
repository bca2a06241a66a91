import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  afterFailure,
  MAX_DELIVERY_ATTEMPTS,
  messageLanguage,
  retryDelayMs,
  shouldQuarantine,
  subscriberMatches,
  type NotificationContent,
} from './notification.js';
import { composeMessage, escapeHtml } from './notification-messages.js';
import { buildWebhookPayload } from './webhook-payload.js';

const now = new Date('2026-07-04T12:00:00.000Z');

describe('who hears about what', () => {
  test('no scope hears everything; a scope hears events touching one of its components', () => {
    assert.equal(subscriberMatches([], ['api']), true);
    assert.equal(subscriberMatches(['db'], ['api']), false);
    assert.equal(subscriberMatches(['db', 'api'], ['api']), true);
    // An incident naming no component concerns the whole page.
    assert.equal(subscriberMatches(['db'], []), true);
  });

  test('languages we do not write fall back to English', () => {
    assert.equal(messageLanguage('fr-CA'), 'fr');
    assert.equal(messageLanguage('de'), 'en');
    assert.equal(messageLanguage(null), 'en');
  });
});

describe('retries and quarantine', () => {
  test('backoff doubles from 30 s to at most an hour, jitter on top', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n, 0)),
      [30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000],
    );
    assert.equal(retryDelayMs(1, 0.5), 33_000);
  });

  test('after the last attempt a delivery fails for good', () => {
    assert.deepEqual(afterFailure(1, now, 0), { status: 'pending', nextAttemptAt: '2026-07-04T12:00:30.000Z' });
    assert.deepEqual(afterFailure(MAX_DELIVERY_ATTEMPTS, now, 0), { status: 'failed' });
  });

  test('an endpoint is parked after 10 failures within an hour; e-mail never is', () => {
    const recent = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() - i * 60_000).toISOString());
    assert.equal(shouldQuarantine('webhook', recent, now), true);
    assert.equal(shouldQuarantine('webhook', recent.slice(1), now), false);
    const spread = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() - i * 10 * 60_000).toISOString());
    assert.equal(shouldQuarantine('slack', spread, now), false, 'older than an hour do not count');
    assert.equal(shouldQuarantine('email', recent, now), false);
  });
});

const content: NotificationContent = {
  kind: 'incident.updated',
  page: {
    id: 'p1',
    name: 'Acme <Status>',
    url: 'https://s.test',
    statusIndicator: 'major',
    statusDescription: 'Partial System Outage',
  },
  title: 'API "errors"',
  status: 'identified',
  previousStatus: null,
  body: 'Cause found: <script>.',
  url: 'https://s.test/incidents/i1',
  at: '2026-07-04T12:00:00.000Z',
  components: ['API'],
  webhookSubject: { incident: { id: 'i1' } },
};
const links = { manage: 'https://s.test/subscription?token=a&b', unsubscribe: 'https://s.test/unsubscribe?token=a' };

describe('messages', () => {
  test('English and French, with the links, and HTML escaped', () => {
    const en = composeMessage(content, 'en', links);
    assert.equal(en.subject, 'Acme <Status>: [Identified] API "errors"');
    assert.match(en.text, /Identified — Cause found: <script>\./);
    assert.match(en.text, /Unsubscribe: https:\/\/s\.test\/unsubscribe\?token=a/);
    assert.doesNotMatch(en.html, /<script>/);
    assert.match(en.html, /href="https:\/\/s\.test\/subscription\?token=a&amp;b"/);
    const fr = composeMessage(content, 'fr', links);
    assert.equal(fr.subject, 'Acme <Status>: [Problème identifié] API "errors"');
    assert.match(fr.text, /Se désabonner/);
    assert.equal(escapeHtml(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  test('a confirmation carries the confirm link and no unsubscribe footer', () => {
    const m = composeMessage({ ...content, kind: 'subscriber.confirm' }, 'en', { ...links, confirm: 'https://c' });
    assert.equal(m.subject, 'Confirm your subscription to Acme <Status>');
    assert.match(m.text, /Confirm subscription: https:\/\/c/);
    assert.doesNotMatch(m.text, /Unsubscribe/);
  });
});

describe('webhook payload', () => {
  test('meta, page and the Statuspage subject', () => {
    const body = buildWebhookPayload(content, 'e1', 'https://s.test/unsubscribe?token=x');
    assert.deepEqual(Object.keys(body), ['meta', 'page', 'incident']);
    assert.deepEqual(body.page, { id: 'p1', status_indicator: 'major', status_description: 'Partial System Outage' });
    assert.equal((body.meta as { unsubscribe: string }).unsubscribe, 'https://s.test/unsubscribe?token=x');
  });
});
