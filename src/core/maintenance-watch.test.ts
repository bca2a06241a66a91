import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatElapsed,
  isWatching,
  refCovers,
  validateWatchMinutes,
  watchCadenceMs,
  watchedMonitors,
  watchIncidentText,
  watchUntil,
} from './maintenance-watch.js';

test('the watch ends watch_minutes after completion; 0 means no watch', () => {
  assert.equal(watchUntil('2026-10-26T10:00:00.000Z', 720), '2026-10-26T22:00:00.000Z');
  assert.equal(watchUntil('2026-10-26T10:00:00.000Z', 0), null);
  assert.throws(() => validateWatchMinutes(10_081), { code: 'INVALID_WATCH_MINUTES' });
  assert.throws(() => validateWatchMinutes(1.5), { code: 'INVALID_WATCH_MINUTES' });
  validateWatchMinutes(0);
  validateWatchMinutes(10_080);
});

test('a window is watched while completed, before watch_until, and until a failure opened its incident', () => {
  const w = { status: 'completed', watchUntil: '2026-10-26T22:00:00.000Z', watchIncidentId: null };
  assert.equal(isWatching(w, new Date('2026-10-26T21:59:59Z')), true);
  assert.equal(isWatching(w, new Date('2026-10-26T22:00:00Z')), false);
  assert.equal(isWatching({ ...w, watchIncidentId: 'inc' }, new Date('2026-10-26T12:00:00Z')), false);
  assert.equal(isWatching({ ...w, status: 'cancelled' }, new Date('2026-10-26T12:00:00Z')), false);
  assert.equal(isWatching({ ...w, watchUntil: null }, new Date('2026-10-26T12:00:00Z')), false);
});

test('watched monitors: those on affected components (segments match like maintenance holds) and the validation monitors', () => {
  const monitors = [
    { id: 'api', componentId: 'c-api', segmentId: null },
    { id: 'api-eu', componentId: 'c-api', segmentId: 'eu' },
    { id: 'api-us', componentId: 'c-api', segmentId: 'us' },
    { id: 'db', componentId: 'c-db', segmentId: null },
    { id: 'edge', componentId: 'c-edge', segmentId: null },
  ];
  assert.deepEqual(
    watchedMonitors(
      { components: [{ componentId: 'c-api', segmentId: 'eu' }], validationMonitorIds: ['edge'] },
      monitors,
    ).map((m) => m.id),
    ['api', 'api-eu', 'edge'],
  );
  assert.equal(refCovers({ componentId: 'c-api', segmentId: null }, monitors[2]!), true);
});

test('watched monitors run every 30 s at most, or at their own shorter interval', () => {
  assert.equal(watchCadenceMs({ type: 'http', intervalSeconds: 300, periodSeconds: null }), 30_000);
  assert.equal(watchCadenceMs({ type: 'http', intervalSeconds: 10, periodSeconds: null }), 10_000);
  assert.equal(watchCadenceMs({ type: 'heartbeat', intervalSeconds: 60, periodSeconds: 3600 }), 30_000);
});

test('the watch incident names how long after which maintenance the failure came (seed 000)', () => {
  assert.equal(formatElapsed(3 * 3_600_000), '3 h');
  assert.equal(formatElapsed(3 * 3_600_000 + 20 * 60_000 + 5000), '3 h 20 min');
  assert.equal(formatElapsed(45 * 60_000), '45 min');
  assert.equal(formatElapsed(30_000), 'less than a minute');
  const text = watchIncidentText({
    maintenanceName: 'Private network migration',
    componentNames: ['SMS API'],
    finishedAt: '2026-10-26T10:00:00.000Z',
    now: new Date('2026-10-26T13:00:00Z'),
    reason: 'status 503',
  });
  assert.equal(text.name, 'SMS API failing 3 h after maintenance "Private network migration" completed');
  assert.match(
    text.message,
    /^SMS API failing 3 h after maintenance "Private network migration" completed \(at 2026-10-26T10:00:00.000Z\): status 503\./,
  );
});
