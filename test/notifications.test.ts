import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDiscordChannel } from '../src/notify/channels/discord-channel.js';
import { createEmailChannel } from '../src/notify/channels/email-channel.js';
import { createSlackChannel } from '../src/notify/channels/slack-channel.js';
import { createTeamsChannel } from '../src/notify/channels/teams-channel.js';
import { createWebhookChannel } from '../src/notify/channels/webhook-channel.js';
import { createDispatcher, type Dispatcher } from '../src/notify/dispatcher.js';
import { verifyWebhookSignature } from '../src/notify/webhook-signature.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

let t: TestApp;
let smtp: SmtpSink;
let hooks: WebhookReceiver;
let dispatcher: Dispatcher;
let api: { id: string };
let db: { id: string };

before(async () => {
  t = await createTestApp();
  smtp = await startSmtpSink();
  hooks = await startWebhookReceiver();
  const http = { allowPrivateTargets: true, timeoutMs: 5000 };
  dispatcher = createDispatcher(t.app, {
    channels: {
      email: createEmailChannel({ smtpUrl: smtp.url, from: 'Acme Status <status@acme.test>', maxConnections: 2 }),
      webhook: createWebhookChannel(http),
      slack: createSlackChannel(http),
      discord: createDiscordChannel(http),
      teams: createTeamsChannel(http),
    },
    publicUrl: 'http://status.test',
    owner: 'test',
    random: () => 0,
  });
  api = await create('components', { name: 'API' });
  db = await create('components', { name: 'Database' });
});
after(async () => {
  await dispatcher.stop();
  await smtp.close();
  await hooks.close();
  await t.close();
});

async function create(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function mailsTo(address: string) {
  return smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(address)));
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`http://status\\.test${path}\\?token=[^\\s"<>]+`).exec(text);
  assert.ok(match, `no ${path} link in:\n${text}`);
  return match[0];
}

async function publicPost(url: string, payload = '') {
  const path = url.replace('http://status.test', '');
  return t.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload,
  });
}

describe('public e-mail subscription', () => {
  test('double opt-in, notification with unsubscribe headers, one-click unsubscribe', async () => {
    const first = await t.request({
      method: 'POST',
      url: '/subscribe',
      role: null,
      json: { email: 'Ann@Example.com' },
    });
    assert.equal(first.status, 202);
    await dispatcher.runOnce();
    const [confirmation] = mailsTo('ann@example.com');
    assert.ok(confirmation, 'a confirmation mail arrives');
    assert.match(confirmation.subject ?? '', /Confirm your subscription to Acme Status/);
    const confirmLink = linkIn(confirmation.text ?? '', '/subscribe/confirm');
    assert.ok((confirmation.html || '').includes(confirmLink.replace(/&/g, '&amp;')));

    // Asking again (or for an address already confirmed) answers exactly the same.
    const again = await t.request({
      method: 'POST',
      url: '/subscribe',
      role: null,
      json: { email: 'ann@example.com' },
    });
    assert.deepEqual(again.body, first.body);
    assert.equal(
      (await t.http.inject({ method: 'GET', url: confirmLink.replace('http://status.test', '') })).statusCode,
      200,
    );
    assert.equal((await publicPost(confirmLink)).statusCode, 200);
    const third = await t.request({
      method: 'POST',
      url: '/subscribe',
      role: null,
      json: { email: 'ann@example.com' },
    });
    assert.deepEqual(third.body, first.body);
    await dispatcher.runOnce();
    assert.equal(
      mailsTo('ann@example.com').length,
      1,
      'no second confirmation mail within 10 minutes, none once confirmed',
    );

    await create('incidents', {
      name: 'API errors',
      message: 'We are looking into elevated error rates.',
      components: [{ component_id: api.id, status: 'major_outage' }],
    });
    await dispatcher.runOnce();
    const notice = mailsTo('ann@example.com')[1]!;
    assert.equal(notice.subject, 'Acme Status: [Investigating] API errors');
    assert.match(notice.text ?? '', /elevated error rates/);
    assert.match(notice.text ?? '', /Affected: API/);
    assert.match(notice.html || '', /<h1[^>]*>\[Investigating\] API errors<\/h1>/);
    const header = (name: string) =>
      notice.headerLines
        .find((h) => h.key === name)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, '');
    const listUnsubscribe = header('list-unsubscribe')!;
    assert.match(listUnsubscribe, /^<http:\/\/status\.test\/unsubscribe\?token=[^>]+>$/);
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(notice.messageId ?? '', /^<pharos-[0-9a-z]{12}-[0-9a-z]{12}@acme\.test>$/);
    linkIn(notice.text ?? '', '/subscription');

    const manage = linkIn(notice.text ?? '', '/subscription').replace('http://status.test', '');
    const page = await t.http.inject({ method: 'GET', url: manage });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /ann@example\.com/);

    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header URL.
    const oneClick = await publicPost(listUnsubscribe.slice(1, -1), 'List-Unsubscribe=One-Click');
    assert.equal(oneClick.statusCode, 200);
    assert.equal((await publicPost(listUnsubscribe.slice(1, -1), 'List-Unsubscribe=One-Click')).statusCode, 410);
    await create('incidents', { name: 'Second', message: 'Another one.' });
    await dispatcher.runOnce();
    assert.equal(mailsTo('ann@example.com').length, 2, 'nothing after unsubscribing');
  });

  test('a French subscriber gets French; a component subscriber only hears about its component', async () => {
    await create('subscribers', { type: 'email', email: 'claire@example.fr', language: 'fr', confirmed: true });
    await create('subscribers', { type: 'email', email: 'dba@example.com', component_ids: [db.id], confirmed: true });
    await create('incidents', {
      name: 'Lenteurs',
      message: 'Nous enquêtons.',
      components: [{ component_id: api.id, status: 'degraded_performance' }],
    });
    await dispatcher.runOnce();
    const [fr] = mailsTo('claire@example.fr');
    assert.equal(fr!.subject, 'Acme Status: [Enquête en cours] Lenteurs');
    assert.match(fr!.text ?? '', /Gérer votre abonnement/);
    assert.match(fr!.html || '', /<html lang="fr">/);
    assert.equal(mailsTo('dba@example.com').length, 0, 'the API incident does not reach a Database-only subscriber');

    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/components/${db.id}`,
      json: { status: 'partial_outage' },
    });
    assert.equal(res.status, 200);
    await dispatcher.runOnce();
    assert.equal(mailsTo('dba@example.com')[0]!.subject, 'Acme Status: Database is now partial outage');
  });

  test('"do not notify" queues nothing', async () => {
    const before = smtp.count;
    await create('incidents', { name: 'Quiet', message: 'Internal only.', deliver_notifications: false });
    await t.request({
      method: 'PATCH',
      url: `/api/v1/components/${db.id}`,
      json: { status: 'operational', notify: false },
    });
    const result = await dispatcher.runOnce();
    assert.equal(result.fannedOut, 0);
    assert.equal(smtp.count, before);
  });
});

describe('webhooks', () => {
  test('Statuspage-shaped payloads, signed with HMAC-SHA256 over "timestamp.body"', async () => {
    const secret = 'a-long-enough-secret-1234';
    const sub = await create('subscribers', { type: 'webhook', url: `${hooks.url}/signed`, secret });
    assert.equal(sub.has_secret, true);
    assert.equal('secret' in sub, false, 'the secret is never returned');
    const incident = await create('incidents', {
      name: 'Checkout down',
      message: 'Investigating.',
      components: [{ component_id: api.id, status: 'major_outage' }],
    });
    await dispatcher.runOnce();
    const got = hooks.requests.filter((r) => r.path === '/signed');
    assert.equal(got.length, 1);
    const req = got[0]!;
    const signature = String(req.headers['x-pharos-signature']);
    const now = Math.floor(t.clock.now().getTime() / 1000);
    assert.equal(req.headers['x-pharos-timestamp'], String(now));
    assert.ok(verifyWebhookSignature(secret, signature, req.body, now));
    assert.equal(verifyWebhookSignature('wrong-secret-wrong-secret', signature, req.body, now), false);
    assert.equal(verifyWebhookSignature(secret, signature, req.body + ' ', now), false);
    assert.equal(verifyWebhookSignature(secret, signature, req.body, now + 3600), false, 'old signatures are refused');
    assert.match(String(req.headers['idempotency-key']), /^pharos-[0-9a-z]{12}-[0-9a-z]{12}$/);
    const body = JSON.parse(req.body);
    assert.deepEqual(Object.keys(body).sort(), ['incident', 'meta', 'page']);
    assert.match(body.meta.unsubscribe, /^http:\/\/status\.test\/unsubscribe\?token=/);
    assert.equal(body.page.id, t.defaultPage.id);
    const status = (await t.request({ method: 'GET', url: '/api/v2/status.json', role: null })).body.status;
    assert.equal(body.page.status_indicator, status.indicator, 'page mirrors status.json');
    assert.equal(body.page.status_description, status.description);
    assert.equal(body.incident.id, incident.id);
    assert.equal(body.incident.status, 'investigating');
    assert.equal(body.incident.incident_updates[0].body, 'Investigating.');
    assert.equal(body.incident.shortlink, `http://status.test/incidents/${incident.id}`);

    await t.request({ method: 'PATCH', url: `/api/v1/components/${db.id}`, json: { status: 'major_outage' } });
    await dispatcher.runOnce();
    const update = JSON.parse(hooks.requests.filter((r) => r.path === '/signed').at(-1)!.body);
    assert.deepEqual(Object.keys(update).sort(), ['component', 'component_update', 'meta', 'page']);
    assert.equal(update.component_update.component_id, db.id);
    assert.equal(update.component_update.new_status, 'major_outage');
    assert.equal(update.component.name, 'Database');
  });

  test('Slack, Discord and Teams get their own message shapes', async () => {
    await create('subscribers', { type: 'slack', url: `${hooks.url}/slack` });
    await create('subscribers', { type: 'discord', url: `${hooks.url}/discord` });
    await create('subscribers', { type: 'teams', url: `${hooks.url}/teams` });
    await create('incidents', { name: 'Chat test', message: 'Hello chats.' });
    await dispatcher.runOnce();
    const body = (path: string) => JSON.parse(hooks.requests.find((r) => r.path === path)!.body);
    assert.match(body('/slack').text, /\*\[Investigating\] Chat test\*/);
    assert.equal(body('/discord').embeds[0].title, '[Investigating] Chat test');
    assert.deepEqual(body('/discord').allowed_mentions, { parse: [] });
    assert.equal(body('/teams').attachments[0].content.type, 'AdaptiveCard');
  });

  test('a failing endpoint is retried with backoff, parked after 10 failures in an hour, and its owner told', async () => {
    hooks.setStatus((path) => (path === '/broken' ? 500 : 200));
    const sub = await create('subscribers', {
      type: 'webhook',
      url: `${hooks.url}/broken`,
      contact_email: 'owner@example.com',
    });
    for (let i = 0; i < 10; i++) await create('incidents', { name: `Storm ${i}`, message: 'x' });
    await dispatcher.runOnce();
    const fetched = await t.request({ method: 'GET', url: `/api/v1/subscribers/${sub.id}` });
    assert.ok(fetched.body.quarantined_at, 'parked after 10 failures');
    const failures = await t.request({ method: 'GET', url: `/api/v1/deliveries?subscriber_id=${sub.id}` });
    assert.equal(failures.body.data.length, 10);
    assert.ok(failures.body.data.every((d: any) => d.status === 'parked' && d.last_error === 'status 500'));
    await dispatcher.runOnce();
    const [notice] = mailsTo('owner@example.com');
    assert.match(notice!.subject ?? '', /Your webhook for Acme Status was paused/);
    assert.match(notice!.text ?? '', /\/broken/);

    const detail = await t.request({ method: 'GET', url: `/api/v1/deliveries/${failures.body.data[0].id}` });
    assert.equal(detail.body.attempt_log.length, 1);
    assert.equal(detail.body.attempt_log[0].status_code, 500);

    // Fixed: resume and resend one.
    hooks.setStatus(() => 200);
    assert.equal((await t.request({ method: 'POST', url: `/api/v1/subscribers/${sub.id}/resume` })).status, 200);
    const resent = await t.request({ method: 'POST', url: `/api/v1/deliveries/${failures.body.data[0].id}/resend` });
    assert.equal(resent.status, 202);
    await dispatcher.runOnce();
    const after = await t.request({ method: 'GET', url: `/api/v1/deliveries/${failures.body.data[0].id}` });
    assert.equal(after.body.status, 'delivered');
    assert.equal(after.body.attempt_log.length, 2);
  });

  test('a failure is retried after the backoff delay, not before', async () => {
    let fail = true;
    hooks.setStatus((path) => (path === '/flaky' && fail ? 503 : 200));
    const sub = await create('subscribers', { type: 'webhook', url: `${hooks.url}/flaky` });
    await create('incidents', { name: 'Flaky', message: 'x' });
    await dispatcher.runOnce();
    const [delivery] = (await t.request({ method: 'GET', url: `/api/v1/deliveries?subscriber_id=${sub.id}` })).body
      .data;
    assert.equal(delivery.status, 'pending');
    assert.equal(Date.parse(delivery.next_attempt_at) - t.clock.now().getTime(), 30_000);
    fail = false;
    await dispatcher.runOnce();
    assert.equal(hooks.requests.filter((r) => r.path === '/flaky').length, 1, 'not retried before its time');
    t.clock.advance(31);
    await dispatcher.runOnce();
    const [done] = (await t.request({ method: 'GET', url: `/api/v1/deliveries?subscriber_id=${sub.id}` })).body.data;
    assert.equal(done.status, 'delivered');
    assert.equal(done.attempts, 2);
  });

  test('loopback targets are refused unless allowed', async () => {
    const strict = createWebhookChannel({ timeoutMs: 1000 });
    const sub = (await t.request({ method: 'GET', url: '/api/v1/subscribers?type=webhook&limit=1' })).body.data[0];
    const result = await strict.send({
      deliveryId: 1,
      eventId: 'e',
      idempotencyKey: 'k',
      subscriber: { ...sub, address: `${hooks.url}/x`, secret: null, language: 'en', componentIds: [] } as never,
      content: { kind: 'incident.created', page: {}, webhookSubject: {} } as never,
      links: { manage: '', unsubscribe: '' },
      now: t.clock.now(),
    });
    assert.equal(result.ok, false);
    assert.match(result.reason, /forbidden address/);
  });
});

describe('maintenance notifications', () => {
  test('reminder, start and end follow the window flags', async () => {
    await create('subscribers', { type: 'webhook', url: `${hooks.url}/maint` });
    const start = new Date(t.clock.now().getTime() + 3 * 3_600_000);
    await create('maintenances', {
      name: 'DB upgrade',
      message: 'Upgrading the database.',
      component_ids: [db.id],
      scheduled_for: start.toISOString(),
      scheduled_until: new Date(start.getTime() + 3_600_000).toISOString(),
      notify_reminder_hours: 2,
      notify_end: false,
    });
    const { runMaintenanceClock } = await import('../src/app/maintenance/run-maintenance-clock.js');
    const deps = { checkUrl: () => Promise.resolve({ ok: true, reason: 'ok', ms: 1, at: '' }) };
    const kinds = () => hooks.requests.filter((r) => r.path === '/maint').map((r) => JSON.parse(r.body).meta.event);
    await runMaintenanceClock(t.app, deps);
    await dispatcher.runOnce();
    assert.deepEqual(kinds(), []);
    t.clock.advance(3600 + 60);
    await runMaintenanceClock(t.app, deps);
    await runMaintenanceClock(t.app, deps);
    await dispatcher.runOnce();
    assert.deepEqual(kinds(), ['maintenance.reminder'], 'reminded once');
    t.clock.advance(2 * 3600);
    await runMaintenanceClock(t.app, deps);
    await dispatcher.runOnce();
    assert.deepEqual(kinds(), ['maintenance.reminder', 'maintenance.started']);
    const started = JSON.parse(hooks.requests.filter((r) => r.path === '/maint').at(-1)!.body);
    assert.equal(started.incident.status, 'in_progress');
    t.clock.advance(2 * 3600);
    await runMaintenanceClock(t.app, deps);
    await dispatcher.runOnce();
    assert.deepEqual(kinds(), ['maintenance.reminder', 'maintenance.started'], 'no end notice (notify_end false)');
  });
});

describe('admin subscribers API', () => {
  test('list with filters, CSV export and import, delete', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/subscribers?type=email&state=confirmed' });
    assert.equal(list.status, 200);
    assert.ok(list.body.data.some((s: any) => s.email === 'claire@example.fr'));
    assert.equal((await t.request({ method: 'GET', url: '/api/v1/subscribers', role: 'editor' })).status, 403);

    const csv = await t.request({ method: 'GET', url: '/api/v1/subscribers/export' });
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(
      csv.body,
      /^id,type,email,url,component_ids,language,confirmed_at,quarantined_at,created_at,audience\r\n/,
    );
    assert.doesNotMatch(csv.body, /a-long-enough-secret/);

    const imported = await t.request({
      method: 'POST',
      url: '/api/v1/subscribers/import',
      headers: { 'content-type': 'text/csv' },
      payload: `email,component_ids,language,confirmed\r\nnew1@example.com,${db.id},fr,true\r\n"new2@example.com",,en,false\r\nclaire@example.fr,,fr,true\r\n`,
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { created: 2, skipped: 1 });
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/subscribers/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'email\r\nok@example.com\r\nnot-an-address\r\n',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_EMAIL');
    assert.match(bad.body.error.message, /^Row 2/);
    const none = await t.request({ method: 'GET', url: '/api/v1/subscribers?search=ok@example.com' });
    assert.equal(none.body.data.length, 0, 'a failed import writes nothing');

    const one = (await t.request({ method: 'GET', url: '/api/v1/subscribers?search=new1' })).body.data[0];
    assert.deepEqual(one.component_ids, [db.id]);
    assert.equal(one.language, 'fr');
    assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/subscribers/${one.id}` })).status, 204);
    assert.equal((await t.request({ method: 'GET', url: `/api/v1/subscribers/${one.id}` })).status, 404);
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/subscribers',
      json: { type: 'email', email: 'claire@example.fr' },
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'SUBSCRIBER_EXISTS');
  });

  test('sign-ups are rate limited per client address', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (
        await t.request({
          method: 'POST',
          url: '/p/nosuchpage/subscribe',
          role: null,
          json: { email: `x${i}@example.com` },
        })
      ).status;
    }
    assert.equal(last, 404);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await t.request({ method: 'POST', url: '/subscribe', role: null, json: { email: `r${i}@example.com` } }))
          .status,
      );
    }
    assert.equal(statuses.filter((s) => s === 429).length > 0, true);
  });
});
