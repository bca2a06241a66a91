import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { defaultSettings, type Monitor } from '../core/monitor-definition.js';
import type { Transition } from '../core/monitor-evaluation.js';
import { createAlertSender } from './monitor-alerts.js';

let hook: Server;
let url: string;
const received: unknown[] = [];
const arrivals: (() => void)[] = [];

before(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(req.url === '/broken' ? 500 : 200).end();
      arrivals.shift()?.();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
});
after(() => hook.close());

const monitor: Monitor = {
  id: 'm1',
  pageId: 'p',
  componentId: 'c1',
  segmentId: null,
  type: 'http',
  name: 'API health',
  settings: { ...defaultSettings(), url: 'http://127.0.0.1:9/' },
  intervalSeconds: 30,
  timeoutMs: 1000,
  locations: ['local'],
  failureThreshold: 2,
  recoveryThreshold: 2,
  quorum: null,
  maxLatencyMs: null,
  downStatus: 'major_outage',
  slowStatus: 'degraded_performance',
  autoIncident: 'publish',
  dependsOn: [],
  periodSeconds: null,
  graceSeconds: null,
  paused: false,
  createdAt: '2026-07-04T12:00:00.000Z',
  updatedAt: '2026-07-04T12:00:00.000Z',
};

function transition(from: Transition['from'], to: Transition['to']): Transition {
  return {
    from,
    to,
    at: Date.parse('2026-07-04T12:00:35Z'),
    downLocations: ['local'],
    slowLocations: [],
    reason: 'status 503 in local (1 of 1 location)',
  };
}

test('each state change is POSTed as JSON; a new monitor coming up is not', async () => {
  const outcomes: { ok: boolean; reason: string }[] = [];
  const send = createAlertSender(url, (o) => outcomes.push(o));
  const arrived = new Promise<void>((resolve) => arrivals.push(resolve));
  send([
    { monitor, transition: transition('unknown', 'up') },
    { monitor, transition: transition('up', 'down') },
  ]);
  await arrived;
  assert.deepEqual(received, [
    {
      event: 'monitor.state_changed',
      monitor_id: 'm1',
      monitor_name: 'API health',
      component_id: 'c1',
      segment_id: null,
      from: 'up',
      to: 'down',
      at: '2026-07-04T12:00:35.000Z',
      reason: 'status 503 in local (1 of 1 location)',
      down_locations: ['local'],
      slow_locations: [],
    },
  ]);
});

test('a failing webhook is reported to the log callback, not thrown', async () => {
  const logged = new Promise<{ ok: boolean; reason: string }>((resolve) => {
    const send = createAlertSender(`${url}/broken`, resolve);
    send([{ monitor, transition: transition('down', 'up') }]);
  });
  const outcome = await logged;
  assert.deepEqual([outcome.ok, outcome.reason], [false, 'status 500']);
});
