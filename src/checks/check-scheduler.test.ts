import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckResult } from '../core/model.js';
import { defaultSettings, newMonitor, type Monitor } from '../core/monitor-definition.js';
import { CheckScheduler, type ScheduledResult } from './check-scheduler.js';

// The scheduler with a fake clock and a controllable runner: what runs when, and how often.

function monitor(id: string, overrides: Partial<Monitor> = {}): Monitor {
  return {
    ...newMonitor(id, 'http', '2026-07-04T12:00:00.000Z'),
    pageId: 'p',
    componentId: 'c',
    name: id,
    settings: { ...defaultSettings(), url: 'http://127.0.0.1:9/' },
    intervalSeconds: 30,
    timeoutMs: 1000,
    ...overrides,
  };
}

function harness(
  monitors: Monitor[],
  options: { concurrency?: number; recheck?: Set<string>; cadences?: Map<string, number> } = {},
) {
  let now = 0;
  let ids = 0;
  const started: { id: string; at: number }[] = [];
  const pending: ((r: CheckResult) => void)[] = [];
  const reported: ScheduledResult[] = [];
  let list = monitors;
  const scheduler = new CheckScheduler({
    location: 'local',
    now: () => now,
    runCheck: (m) => {
      started.push({ id: m.id, at: now });
      return new Promise((resolve) => pending.push(resolve));
    },
    loadMonitors: () => Promise.resolve(list),
    loadCadences: () => Promise.resolve(options.cadences ?? new Map()),
    report: (batch) => {
      reported.push(...batch);
      return Promise.resolve(options.recheck ?? new Set());
    },
    newId: () => `r${ids++}`,
    concurrency: options.concurrency ?? 100,
    onError: (e) => {
      throw e;
    },
  });
  const finishAll = async () => {
    for (const resolve of pending.splice(0))
      resolve({ ok: true, reason: 'ok', ms: 1, at: new Date(now).toISOString() });
    await scheduler.settle();
    await scheduler.flush();
  };
  return {
    scheduler,
    started,
    reported,
    finishAll,
    pendingCount: () => pending.length,
    advance: (ms: number) => (now += ms),
    setMonitors: (m: Monitor[]) => (list = m),
  };
}

test('first runs are spread over the interval, then each monitor runs once per interval', async () => {
  const h = harness(Array.from({ length: 300 }, (_, i) => monitor(`m${i}`)));
  await h.scheduler.reload();
  for (let s = 0; s < 90; s++) {
    h.advance(1000);
    h.scheduler.pump();
    await h.finishAll();
  }
  const firstSecond = h.started.filter((x) => x.at <= 1000).length;
  assert.ok(firstSecond < 40, `${firstSecond} of 300 started in the first second`);
  const perMonitor = new Map<string, number>();
  for (const x of h.started) perMonitor.set(x.id, (perMonitor.get(x.id) ?? 0) + 1);
  assert.ok(
    [...perMonitor.values()].every((n) => n === 3),
    'each ran exactly 3 times in 90 s',
  );
});

test('a monitor never runs twice at once, even when its check outlasts its interval', async () => {
  const h = harness([monitor('slow')]);
  await h.scheduler.reload();
  for (let s = 0; s < 100; s++) {
    h.advance(1000);
    h.scheduler.pump();
  }
  assert.equal(h.started.length, 1);
  assert.equal(h.pendingCount(), 1);
  await h.finishAll();
  for (let s = 0; s < 30; s++) {
    h.advance(1000);
    h.scheduler.pump();
  }
  assert.equal(h.started.length, 2, 'far behind, it starts again within one interval, once');
});

test('concurrency is bounded: due checks wait their turn and count as late', async () => {
  const h = harness(
    Array.from({ length: 50 }, (_, i) => monitor(`m${i}`)),
    { concurrency: 10 },
  );
  await h.scheduler.reload();
  h.advance(30_000);
  h.scheduler.pump();
  assert.equal(h.pendingCount(), 10);
  await h.finishAll();
  h.advance(500);
  h.scheduler.pump();
  assert.equal(h.pendingCount(), 10);
  assert.ok(h.scheduler.takeStats().lateness.some((ms) => ms > 0));
});

test('a monitor the report asks to re-check runs again within seconds', async () => {
  const h = harness([monitor('flaky')], { recheck: new Set(['flaky']) });
  await h.scheduler.reload();
  h.advance(30_000);
  h.scheduler.pump();
  const first = h.started[0]!.at;
  await h.finishAll();
  for (let s = 0; s < 6; s++) {
    h.advance(1000);
    h.scheduler.pump();
  }
  assert.equal(h.started.length, 2);
  assert.ok(h.started[1]!.at - first <= 6000);
});

test('an edit while a check runs waits for it; a removed monitor stops', async () => {
  const h = harness([monitor('a')]);
  await h.scheduler.reload();
  h.advance(30_000);
  h.scheduler.pump();
  h.setMonitors([monitor('a', { updatedAt: '2026-07-04T12:05:00.000Z', intervalSeconds: 10 })]);
  await h.scheduler.reload();
  h.advance(30_000);
  h.scheduler.pump();
  assert.equal(h.started.length, 1, 'not twice at once after an edit');
  await h.finishAll();
  h.advance(10_000);
  h.scheduler.pump();
  assert.equal(h.started.length, 2, 'the edited monitor runs once the old run is reported');
  await h.finishAll();
  h.setMonitors([]);
  await h.scheduler.reload();
  h.advance(60_000);
  h.scheduler.pump();
  assert.equal(h.started.length, 2);
});

test('a maintenance watch runs a monitor every 30 s instead of its interval, and its end restores the interval', async () => {
  const cadences = new Map<string, number>();
  const h = harness([monitor('api', { intervalSeconds: 600 })], { cadences });
  await h.scheduler.reload();
  h.advance(600_000);
  h.scheduler.pump();
  await h.finishAll();
  const before = h.started.length;
  cadences.set('api', 30_000);
  await h.scheduler.reload();
  for (let s = 0; s < 120; s++) {
    h.advance(1000);
    h.scheduler.pump();
    await h.finishAll();
  }
  assert.equal(h.started.length - before, 4, 'every 30 s while watched');
  cadences.clear();
  await h.scheduler.reload();
  const watched = h.started.length;
  for (let s = 0; s < 300; s++) {
    h.advance(1000);
    h.scheduler.pump();
    await h.finishAll();
  }
  assert.ok(h.started.length - watched <= 1, 'back to every 10 minutes');
});

test('checkSoon runs a monitor now, but never sooner than the re-check delay after its last run', async () => {
  const h = harness([monitor('api', { intervalSeconds: 600 })]);
  await h.scheduler.reload();
  h.advance(600_000);
  h.scheduler.pump();
  await h.finishAll();
  const ran = h.started.length;
  h.advance(2000);
  h.scheduler.checkSoon(['api', 'unknown']);
  h.scheduler.pump();
  assert.equal(h.started.length, ran, 'not within 5 s of the previous run');
  h.advance(3000);
  h.scheduler.pump();
  assert.equal(h.started.length, ran + 1, 'then at once, not at its next interval');
  h.scheduler.checkSoon(['api']);
  h.advance(1000);
  h.scheduler.pump();
  assert.equal(h.started.length, ran + 1, 'a running monitor is left alone');
});
