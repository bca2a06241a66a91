import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  combineChecks,
  judgeMonitorPassing,
  judgeMonitorWatching,
  urlCheck,
  validationSince,
  type MonitorResult,
} from './maintenance-validation.js';

const at = '2026-10-26T10:05:00.000Z';
const r = (location: string, time: string, ok: boolean, reason = ok ? 'ok' : 'status 503', ms = 20): MonitorResult => ({
  location,
  at: `2026-10-26T${time}.000Z`,
  ok,
  reason,
  ms,
});
const api = (results: MonitorResult[], failureThreshold = 2) => ({
  id: 'm1',
  name: 'API health',
  failureThreshold,
  results,
});

test('a monitor with no result since the window ended is pending, not failing', () => {
  const check = judgeMonitorPassing(api([]), at);
  assert.equal(check.ok, false);
  assert.equal(check.pending, true);
  assert.equal(check.reason, 'API health: no check since the window ended');
});

test('a monitor passes when the latest result of every location that reported is a success', () => {
  const check = judgeMonitorPassing(
    api([r('eu', '10:01:00', false), r('eu', '10:02:00', true), r('local', '10:01:30', true, 'ok', 40)]),
    at,
  );
  assert.deepEqual(check, {
    ok: true,
    reason: 'API health passed in eu, local',
    ms: 40,
    at: '2026-10-26T10:02:00.000Z',
  });
});

test('one location whose latest result fails keeps the monitor failing, and the reason names monitor, problem and place', () => {
  const check = judgeMonitorPassing(
    api([r('eu', '10:02:00', true), r('us', '10:02:00', false, 'timeout'), r('local', '10:02:00', false, 'timeout')]),
    at,
  );
  assert.equal(check.ok, false);
  assert.equal(check.pending, undefined);
  assert.equal(check.reason, 'API health: timeout in local, us');
});

test('during a watch a single failed check is not enough; the monitor threshold of failures in a row is', () => {
  assert.equal(judgeMonitorWatching(api([r('local', '13:00:00', true), r('local', '13:00:30', false)]), at).ok, true);
  const confirmed = judgeMonitorWatching(api([r('local', '13:00:30', false), r('local', '13:00:35', false)]), at);
  assert.equal(confirmed.ok, false);
  assert.equal(confirmed.reason, 'API health: status 503 in local (2 checks in a row)');
  assert.equal(confirmed.at, '2026-10-26T13:00:35.000Z');
  assert.equal(
    judgeMonitorWatching(api([r('local', '13:00:30', false)], 1), at).reason,
    'API health: status 503 in local',
  );
  // A recovery after the failures ends it.
  assert.equal(
    judgeMonitorWatching(
      api([r('local', '13:00:30', false), r('local', '13:00:35', false), r('local', '13:01:05', true)]),
      at,
    ).ok,
    true,
  );
  assert.equal(judgeMonitorWatching(api([]), at).ok, true, 'no result is no failure');
});

test('the URL part keeps its own reason alone and names the URL next to monitors', () => {
  const failed = { ok: false, reason: 'status 503', ms: 12, at };
  assert.equal(urlCheck('http://x/health', failed, false).reason, 'status 503');
  assert.equal(urlCheck('http://x/health', failed, true).reason, 'http://x/health: status 503');
  assert.equal(
    urlCheck('http://x/health', { ok: true, reason: 'ok', ms: 7, at }, true).reason,
    'http://x/health answered in 7 ms',
  );
});

test('parts combine: every part must pass; failures are named before parts still waiting', () => {
  const ok = { ok: true, reason: 'A passed', ms: 5, at };
  const waiting = { ok: false, pending: true, reason: 'B: no check since the window ended', ms: 0, at };
  const failing = { ok: false, reason: 'C: timeout in local', ms: 10_000, at };
  assert.deepEqual(combineChecks([ok, ok], at), { ok: true, reason: 'A passed; A passed', ms: 5, at });
  assert.deepEqual(combineChecks([ok, waiting], at), { ok: false, pending: true, reason: waiting.reason, ms: 5, at });
  assert.deepEqual(combineChecks([waiting, failing, ok], at), { ok: false, reason: failing.reason, ms: 10_000, at });
});

test('results count from the window end, or from when it was put in verifying early', () => {
  const endsAt = '2026-10-26T11:00:00.000Z';
  assert.equal(validationSince({ endsAt, verifyingSince: '2026-10-26T11:00:12.000Z' }), endsAt);
  assert.equal(validationSince({ endsAt, verifyingSince: '2026-10-26T10:40:00.000Z' }), '2026-10-26T10:40:00.000Z');
  assert.equal(validationSince({ endsAt, verifyingSince: null }), endsAt);
});
