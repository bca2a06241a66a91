import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheckResult } from './model.js';
import {
  applyResult,
  componentStatusFor,
  initialState,
  nextCheckAt,
  policyFor,
  type MonitorState,
  type Transition,
} from './monitor-evaluation.js';

const T0 = Date.parse('2026-07-04T14:55:00Z');
const policy = policyFor(30_000);
const ok = (ms = 40): CheckResult => ({ ok: true, reason: 'ok', ms, at: '' });
const fail = (reason = 'timeout'): CheckResult => ({ ok: false, reason, ms: 10_000, at: '' });

/** Feed results as [location, result, seconds after T0]; collect the transitions. */
function run(steps: Array<[string, CheckResult, number]>, p = policy, start: MonitorState = initialState()) {
  let state = start;
  const transitions: Transition[] = [];
  for (const [location, result, seconds] of steps) {
    const out = applyResult(state, location, result, T0 + seconds * 1000, p);
    state = out.state;
    if (out.transition) transitions.push(out.transition);
  }
  return { state, transitions };
}

describe('one location: confirmation in both directions', () => {
  test('a new monitor is up on its first success', () => {
    const { state, transitions } = run([['local', ok(), 0]]);
    assert.equal(state.state, 'up');
    assert.deepEqual(
      transitions.map((t) => [t.from, t.to]),
      [['unknown', 'up']],
    );
  });

  test('one failure is not an outage; two are', () => {
    const first = run([
      ['local', ok(), 0],
      ['local', fail(), 30],
    ]);
    assert.equal(first.state.state, 'up');
    const second = run([['local', fail(), 35]], policy, first.state);
    assert.equal(second.state.state, 'down');
    assert.equal(second.transitions[0]!.reason, 'timeout in local (1 of 1 locations)');
    assert.equal(componentStatusFor(second.state.state, policy), 'major_outage');
  });

  test('one success does not end an outage; two do', () => {
    const down = run([
      ['local', ok(), 0],
      ['local', fail(), 30],
      ['local', fail(), 35],
    ]).state;
    const once = run([['local', ok(), 40]], policy, down);
    assert.equal(once.state.state, 'down');
    const twice = run([['local', ok(), 45]], policy, once.state);
    assert.equal(twice.state.state, 'up');
    assert.equal(twice.transitions[0]!.from, 'down');
  });

  test('a failure between successes resets the recovery count', () => {
    const down = run([
      ['local', ok(), 0],
      ['local', fail(), 30],
      ['local', fail(), 35],
    ]).state;
    const { state } = run(
      [
        ['local', ok(), 40],
        ['local', fail(), 45],
        ['local', ok(), 50],
      ],
      policy,
      down,
    );
    assert.equal(state.state, 'down');
  });
});

describe('several locations: a quorum decides', () => {
  const healthy = run([
    ['eu', ok(), 0],
    ['us', ok(), 0],
    ['ap', ok(), 0],
  ]).state;

  test('one location failing alone (a local network problem) is no outage', () => {
    const { state, transitions } = run(
      [
        ['eu', fail(), 30],
        ['eu', fail(), 35],
        ['us', ok(), 30],
        ['ap', ok(), 30],
      ],
      policy,
      healthy,
    );
    assert.equal(state.locations.eu!.verdict, 'down');
    assert.equal(state.state, 'up');
    assert.deepEqual(transitions, []);
  });

  test('two of three is an outage, named by location and reason', () => {
    const { state, transitions } = run(
      [
        ['eu', fail(), 30],
        ['us', fail('econnrefused'), 30],
        ['eu', fail(), 35],
        ['us', fail('econnrefused'), 35],
        ['ap', ok(), 35],
      ],
      policy,
      healthy,
    );
    assert.equal(state.state, 'down');
    assert.equal(transitions.length, 1);
    assert.deepEqual(transitions[0]!.downLocations, ['eu', 'us']);
    assert.equal(transitions[0]!.reason, 'timeout, econnrefused in eu, us (2 of 3 locations)');
  });

  test('recovery when the down count drops below the quorum', () => {
    const down = run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
      ],
      policy,
      healthy,
    ).state;
    const { state } = run(
      [
        ['us', ok(), 40],
        ['us', ok(), 45],
      ],
      policy,
      down,
    );
    assert.equal(state.state, 'up');
  });

  test('an explicit quorum of 1 makes any location enough', () => {
    const p = policyFor(30_000, { quorum: 1 });
    const { state } = run(
      [
        ['eu', ok(), 0],
        ['us', ok(), 0],
        ['eu', fail(), 30],
        ['eu', fail(), 35],
      ],
      p,
    );
    assert.equal(state.state, 'down');
  });

  test('a silent (stale) location counts for nothing', () => {
    // ap stops reporting; eu and us keep reporting. Later eu fails: 1 of 2 fresh is not a majority.
    const p = policyFor(10_000);
    const { state } = run(
      [
        ['eu', ok(), 0],
        ['us', ok(), 0],
        ['ap', ok(), 0],
        ['eu', fail(), 60],
        ['eu', fail(), 65],
        ['us', ok(), 65],
      ],
      p,
    );
    assert.equal(state.state, 'up');
    // With only eu and us fresh, both failing is an outage even though ap last said up.
    const both = run(
      [
        ['us', fail(), 70],
        ['us', fail(), 75],
      ],
      p,
      state,
    );
    assert.equal(both.state.state, 'down');
  });

  test('when every location has gone quiet the state is kept, not flipped', () => {
    const p = policyFor(10_000);
    const down = run(
      [
        ['eu', fail(), 0],
        ['eu', fail(), 5],
      ],
      p,
    ).state;
    assert.equal(down.state, 'down');
    // A result long after: eu is the only fresh location and it is still down.
    const later = run([['eu', fail(), 500]], p, down);
    assert.equal(later.state.state, 'down');
    assert.deepEqual(later.transitions, []);
  });
});

describe('slow responses', () => {
  const p = policyFor(30_000, { maxLatencyMs: 1000 });
  test('confirmed slowness is degraded performance, then recovers', () => {
    const slow = run(
      [
        ['local', ok(50), 0],
        ['local', ok(2500), 30],
        ['local', ok(2600), 35],
      ],
      p,
    );
    assert.equal(slow.state.state, 'slow');
    assert.equal(componentStatusFor('slow', p), 'degraded_performance');
    const back = run(
      [
        ['local', ok(40), 40],
        ['local', ok(40), 45],
      ],
      p,
      slow.state,
    );
    assert.equal(back.state.state, 'up');
  });
  test('slow then failing is down', () => {
    const { state } = run(
      [
        ['local', ok(50), 0],
        ['local', ok(2500), 30],
        ['local', fail(), 35],
        ['local', fail(), 40],
      ],
      p,
    );
    assert.equal(state.state, 'down');
  });
});

describe('prompt re-check', () => {
  test('normally one interval; after an unconfirmed failure, within seconds, for every location', () => {
    const healthy = run([
      ['eu', ok(), 0],
      ['us', ok(), 0],
    ]).state;
    assert.equal(nextCheckAt(healthy, 'eu', T0, policy), T0 + 30_000);
    const suspicious = run([['eu', fail(), 30]], policy, healthy).state;
    assert.equal(nextCheckAt(suspicious, 'eu', T0 + 30_000, policy), T0 + 35_000);
    assert.equal(nextCheckAt(suspicious, 'us', T0 + 30_000, policy), T0 + 35_000, 'the healthy location re-checks too');
    const confirmed = run([['eu', fail(), 35]], policy, suspicious).state;
    assert.equal(nextCheckAt(confirmed, 'eu', T0 + 35_000, policy), T0 + 65_000, 'confirmed: back to the interval');
  });
  test('the re-check is never later than the interval', () => {
    const p = policyFor(3_000);
    const state = run(
      [
        ['eu', ok(), 0],
        ['eu', fail(), 3],
      ],
      p,
    ).state;
    assert.equal(nextCheckAt(state, 'eu', T0, p), T0 + 3_000);
  });
});

test('the input state is never changed', () => {
  const start = run([['eu', ok(), 0]]).state;
  const snapshot = structuredClone(start);
  run(
    [
      ['eu', fail(), 30],
      ['eu', fail(), 35],
    ],
    policy,
    start,
  );
  assert.deepEqual(start, snapshot);
});

test('component status mapping follows the policy', () => {
  const p = policyFor(60_000, { downStatus: 'partial_outage' });
  assert.equal(componentStatusFor('down', p), 'partial_outage');
  assert.equal(componentStatusFor('up', p), 'operational');
  assert.equal(componentStatusFor('unknown', p), null);
});
