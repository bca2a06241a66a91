import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { runMaintenanceClock } from '../src/app/maintenance/run-maintenance-clock.js';
import { createPage } from '../src/app/pages/create-page.js';
import { configAlertSubscriberId, syncAlertWebhook } from '../src/app/subscribers/sync-alert-webhook.js';
import type { CheckScheduler } from '../src/checks/check-scheduler.js';
import { createLocalScheduler } from '../src/checks/local-monitoring.js';
import { createAlertChannel } from '../src/notify/channels/alert-channel.js';
import { createEmailChannel } from '../src/notify/channels/email-channel.js';
import { createWebhookChannel } from '../src/notify/channels/webhook-channel.js';
import { createDispatcher, type Dispatcher } from '../src/notify/dispatcher.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

// Operator alerts through the durable outbox: a real loopback target fails and recovers, the real
// scheduler records it, and team subscribers (an on-call e-mail on a real SMTP server, a flat JSON
// alert webhook, the one PHAROS_ALERT_WEBHOOK_URL configures) hear about it; customers do not.

let t: TestApp;
let smtp: SmtpSink;
let hooks: WebhookReceiver;
let dispatcher: Dispatcher;
let scheduler: CheckScheduler;
let target: Server;
let targetUrl: string;
let failing = false;
let api: any;
let monitor: any;

before(async () => {
  t = await createTestApp({ start: '2026-07-04T12:00:00Z' });
  smtp = await startSmtpSink();
  hooks = await startWebhookReceiver();
  target = createServer((_req, res) => (failing ? res.writeHead(503).end('no db') : res.writeHead(200).end('ok')));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
  dispatcher = createDispatcher(t.app, {
    channels: {
      email: createEmailChannel({ smtpUrl: smtp.url, from: 'Acme Status <status@acme.test>', maxConnections: 2 }),
      webhook: createWebhookChannel({ allowPrivateTargets: true, timeoutMs: 5000 }),
      alert: createAlertChannel({ timeoutMs: 5000 }),
    },
    publicUrl: 'http://status.test',
    owner: 'test',
    random: () => 0,
  });
  scheduler = createLocalScheduler(t.app, {
    concurrency: 4,
    onError: (error) => {
      throw error;
    },
  });
  api = await post('components', { name: 'API' });
  await post('subscribers', { type: 'email', audience: 'team', email: 'oncall@acme.test', confirmed: true });
  await post('subscribers', { type: 'alert', url: `${hooks.url}/alert` });
  await post('subscribers', { type: 'email', email: 'customer@example.com', confirmed: true });
  await post('subscribers', { type: 'webhook', url: `${hooks.url}/customer` });
  await syncAlertWebhook(t.app, `${hooks.url}/configured`);
  monitor = await post('monitors', {
    type: 'http',
    name: 'API health',
    component_id: api.id,
    url: targetUrl,
    interval_seconds: 10,
    timeout_ms: 1000,
    failure_threshold: 1,
    recovery_threshold: 1,
  });
  await scheduler.reload();
});
after(async () => {
  await dispatcher.stop();
  await smtp.close();
  await hooks.close();
  target.close();
  await t.close();
});

async function post(path: string, json: unknown): Promise<any> {
  const res = await t.request({ method: 'POST', url: `/api/v1/${path}`, json });
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

async function run(seconds: number): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    t.clock.advance(1);
    scheduler.pump();
    await scheduler.settle();
    await scheduler.flush();
  }
  await dispatcher.runOnce();
}

function mailsTo(address: string) {
  return smtp.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(address)));
}
const alertsAt = (path: string) =>
  hooks.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, any>);

describe('operator alerts', () => {
  test('a monitor coming alive for the first time alerts nobody', async () => {
    await run(12);
    assert.equal(alertsAt('/alert').length, 0);
    assert.equal(mailsTo('oncall@acme.test').length, 0);
  });

  test('the team hears that a monitor went down, by e-mail and by the flat JSON alert webhooks', async () => {
    failing = true;
    await run(12);
    const [mail] = mailsTo('oncall@acme.test');
    assert.ok(mail, 'the on-call address got an alert');
    assert.equal(mail.subject, 'Acme Status: Monitor down: API health');
    assert.match(mail.text ?? '', /status 503/);
    assert.match(mail.text ?? '', /member of the team behind Acme Status/);
    for (const path of ['/alert', '/configured']) {
      const [alert] = alertsAt(path);
      assert.ok(alert, `${path} got the alert`);
      assert.equal(alert.event, 'monitor.state_changed');
      assert.equal(alert.title, 'API health');
      assert.equal(alert.status, 'down');
      assert.equal(alert.previous_status, 'up');
      assert.deepEqual(alert.components, ['API']);
      assert.equal(alert.details.monitor.monitor_id, monitor.id);
      assert.equal(alert.details.monitor.component_id, api.id);
    }
    const keys = hooks.requests.filter((r) => r.path === '/alert').map((r) => r.headers['idempotency-key']);
    assert.match(String(keys[0]), /^pharos-/);
  });

  test('customers hear about the incident, never about the monitor', async () => {
    const customer = mailsTo('customer@example.com');
    assert.ok(customer.length >= 1, 'the automatic incident reached the customer');
    assert.ok(customer.every((m) => !/Monitor/.test(m.subject ?? '')));
    const payloads = alertsAt('/customer');
    assert.ok(payloads.length >= 1);
    assert.ok(payloads.every((p) => !('monitor' in p) && ('incident' in p || 'component_update' in p)));
  });

  test('recovery is an alert too', async () => {
    failing = false;
    await run(12);
    const subjects = mailsTo('oncall@acme.test').map((m) => m.subject);
    assert.deepEqual(subjects, ['Acme Status: Monitor down: API health', 'Acme Status: Monitor up again: API health']);
    assert.deepEqual(
      alertsAt('/configured').map((a) => a.status),
      ['down', 'up'],
    );
  });

  test('during maintenance on the component the checks run but nobody is paged', async () => {
    const start = t.clock.now();
    await post('maintenances', {
      name: 'Database resync',
      message: 'Planned.',
      component_ids: [api.id],
      scheduled_for: new Date(start.getTime() - 1000).toISOString(),
      scheduled_until: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await runMaintenanceClock(t.app, { checkUrl: () => Promise.reject(new Error('unused')) });
    failing = true;
    await run(25);
    const state = (await t.request({ method: 'GET', url: `/api/v1/monitors/${monitor.id}` })).body.state;
    assert.equal(state.status, 'down', 'the monitor still knows');
    assert.equal(alertsAt('/alert').length, 2, 'no third alert');
    assert.equal(mailsTo('oncall@acme.test').length, 2);
    failing = false;
  });
});

describe('team subscribers in the admin API', () => {
  test('are listed by audience; an alert webhook is always for the team', async () => {
    const team = (await t.request({ method: 'GET', url: '/api/v1/subscribers?audience=team' })).body.data;
    assert.deepEqual(team.map((s: any) => s.type).sort(), ['alert', 'alert', 'email']);
    assert.ok(team.some((s: any) => s.id === configAlertSubscriberId(t.defaultPage.id)));
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/subscribers',
      json: { type: 'alert', audience: 'public', url: `${hooks.url}/x` },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'ALERT_SUBSCRIBER_IS_TEAM');
  });

  test('the configured alert webhook follows the configuration, on new pages too', async () => {
    t.app.alertWebhookUrl = `${hooks.url}/configured`;
    const system = { type: 'system' as const, id: null, name: 'test', role: 'admin' as const };
    const page = await createPage(t.app, system, { slug: 'internal', name: 'Internal' });
    const onNew = await t.request({ method: 'GET', url: `/api/v1/subscribers/${configAlertSubscriberId(page.id)}` });
    assert.equal(onNew.status, 200);
    assert.equal(onNew.body.url, `${hooks.url}/configured`);
    t.app.alertWebhookUrl = null;

    await syncAlertWebhook(t.app, `${hooks.url}/moved`);
    const moved = await t.request({
      method: 'GET',
      url: `/api/v1/subscribers/${configAlertSubscriberId(t.defaultPage.id)}`,
    });
    assert.equal(moved.body.url, `${hooks.url}/moved`);
    await syncAlertWebhook(t.app, null);
    const gone = await t.request({
      method: 'GET',
      url: `/api/v1/subscribers/${configAlertSubscriberId(t.defaultPage.id)}`,
    });
    assert.equal(gone.status, 404);
  });
});
