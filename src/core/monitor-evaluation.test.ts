import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from './errors.js';
import type { CheckResult } from './model.js';
import {
  DEFAULT_POLICY,
  applyResult,
  classifyResult,
  componentStatusFor,
  evaluateAt,
  hasUnconfirmedFailure,
  initialState,
  nextCheckAt,
  policyFor,
  reduceMonitor,
  type EvaluationPolicy,
  type MonitorState,
  type Transition,
} from './monitor-evaluation.js';

const T0 = Date.parse('2026-07-04T14:55:00Z');
const policy = policyFor(30_000);
const ok = (ms = 40): CheckResult => ({ ok: true, reason: 'ok', ms, at: '2026-07-04T14:55:00Z' });
const fail = (reason = 'timeout'): CheckResult => ({ ok: false, reason, ms: 10_000, at: '2026-07-04T14:55:00Z' });
const at = (seconds: number) => T0 + seconds * 1000;

/** Feed results as [location, result, seconds after T0]; collect the transitions. */
function run(
  steps: Array<[string, CheckResult, number]>,
  p: EvaluationPolicy = policy,
  start: MonitorState = initialState(),
) {
  let state = start;
  const transitions: Transition[] = [];
  for (const [location, result, seconds] of steps) {
    const out = applyResult(state, location, result, at(seconds), p);
    state = out.state;
    if (out.transition) transitions.push(out.transition);
  }
  return { state, transitions };
}

const moves = (transitions: Transition[]) => transitions.map((t) => [t.from, t.to]);

/** eu, us and ap all up at T0. */
const healthyThree = () =>
  run([
    ['eu', ok(), 0],
    ['us', ok(), 0],
    ['ap', ok(), 0],
  ]).state;

describe('policy', () => {
  test('defaults: 2/2 thresholds, majority quorum, 5 s re-check, stale after 3 intervals', () => {
    assert.deepEqual(policyFor(60_000), {
      ...DEFAULT_POLICY,
      intervalMs: 60_000,
      staleAfterMs: 180_000,
    });
    assert.equal(DEFAULT_POLICY.failureThreshold, 2);
    assert.equal(DEFAULT_POLICY.recoveryThreshold, 2);
    assert.equal(DEFAULT_POLICY.quorum, null);
    assert.equal(DEFAULT_POLICY.downStatus, 'major_outage');
    assert.equal(DEFAULT_POLICY.slowStatus, 'degraded_performance');
  });

  test('overrides win, including staleAfterMs', () => {
    const p = policyFor(60_000, { staleAfterMs: 600_000, quorum: 2 });
    assert.equal(p.staleAfterMs, 600_000);
    assert.equal(p.quorum, 2);
  });

  test('an unworkable policy is refused with a stable code', () => {
    for (const overrides of [
      { failureThreshold: 0 },
      { recoveryThreshold: 1.5 },
      { quorum: 0 },
      { maxLatencyMs: -1 },
      { recheckMs: 0 },
      { downStatus: 'under_maintenance' as const },
      { downStatus: 'operational' as const },
      { slowStatus: 'under_maintenance' as const },
    ]) {
      assert.throws(
        () => policyFor(30_000, overrides),
        (e: unknown) => e instanceof DomainError && e.kind === 'invalid' && e.code === 'INVALID_MONITOR_POLICY',
        JSON.stringify(overrides),
      );
    }
    assert.throws(() => policyFor(0), DomainError);
    assert.equal(policyFor(30_000, { slowStatus: 'operational' }).slowStatus, 'operational');
  });
});

describe('classifyResult', () => {
  test('failed is down whatever the latency; ok is up without a latency limit', () => {
    assert.equal(classifyResult(fail(), policy), 'down');
    assert.equal(classifyResult(ok(50_000), policy), 'up');
  });

  test('ok but slower than maxLatencyMs is slow; exactly the limit is still up', () => {
    const p = policyFor(30_000, { maxLatencyMs: 1000 });
    assert.equal(classifyResult(ok(1001), p), 'slow');
    assert.equal(classifyResult(ok(1000), p), 'up');
    assert.equal(classifyResult({ ...fail(), ms: 5 }, p), 'down');
  });
});

describe('one location: confirmation in both directions', () => {
  test('a new monitor is up on its first success (unknown → up at once)', () => {
    const { state, transitions } = run([['local', ok(), 0]]);
    assert.equal(state.state, 'up');
    assert.equal(state.since, at(0));
    assert.deepEqual(moves(transitions), [['unknown', 'up']]);
    assert.equal(transitions[0]!.reason, 'up in local (1 of 1 location)');
  });

  test('a new monitor that fails from the start is unknown after one failure, down after two', () => {
    const one = run([['local', fail(), 0]]);
    assert.equal(one.state.state, 'unknown');
    assert.deepEqual(one.transitions, []);
    const two = run([['local', fail(), 5]], policy, one.state);
    assert.deepEqual(moves(two.transitions), [['unknown', 'down']]);
  });

  test('one failure is not an outage; two are', () => {
    const first = run([
      ['local', ok(), 0],
      ['local', fail(), 30],
    ]);
    assert.equal(first.state.state, 'up');
    assert.equal(first.transitions.length, 1, 'only the initial unknown → up');
    const second = run([['local', fail(), 35]], policy, first.state);
    assert.equal(second.state.state, 'down');
    assert.equal(second.state.since, at(35));
    assert.equal(second.transitions[0]!.reason, 'timeout in local (1 of 1 location)');
    assert.deepEqual(second.transitions[0]!.downLocations, ['local']);
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
    assert.deepEqual(once.transitions, []);
    const twice = run([['local', ok(), 45]], policy, once.state);
    assert.equal(twice.state.state, 'up');
    assert.deepEqual(moves(twice.transitions), [['down', 'up']]);
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

  test('a success between failures resets the failure count', () => {
    const { state, transitions } = run([
      ['local', ok(), 0],
      ['local', fail(), 30],
      ['local', ok(), 35],
      ['local', fail(), 65],
    ]);
    assert.equal(state.state, 'up');
    assert.equal(transitions.length, 1);
  });

  test('thresholds of 1 react to every result', () => {
    const p = policyFor(30_000, { failureThreshold: 1, recoveryThreshold: 1 });
    const { transitions } = run(
      [
        ['local', ok(), 0],
        ['local', fail(), 30],
        ['local', ok(), 60],
      ],
      p,
    );
    assert.deepEqual(moves(transitions), [
      ['unknown', 'up'],
      ['up', 'down'],
      ['down', 'up'],
    ]);
  });

  test('a late result, older than the latest one from that location, is ignored', () => {
    const { state } = run([['local', ok(), 30]]);
    const out = applyResult(state, 'local', fail(), at(10), policy);
    assert.equal(out.state, state);
    assert.equal(out.transition, null);
  });
});

describe('several locations: a quorum decides', () => {
  test('one location failing alone (a local network problem) is no outage', () => {
    const { state, transitions } = run(
      [
        ['eu', fail(), 30],
        ['eu', fail(), 35],
        ['us', ok(), 30],
        ['ap', ok(), 30],
      ],
      policy,
      healthyThree(),
    );
    assert.equal(state.locations.eu!.verdict, 'down');
    assert.equal(state.state, 'up');
    assert.equal(componentStatusFor(state.state, policy), 'operational', 'no partial outage from a minority');
    assert.deepEqual(transitions, []);
  });

  test('two of three is an outage, named by location and reason', () => {
    const { state, transitions } = run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
        ['ap', ok(), 35],
      ],
      policy,
      healthyThree(),
    );
    assert.equal(state.state, 'down');
    assert.equal(transitions.length, 1);
    assert.deepEqual(moves(transitions), [['up', 'down']]);
    assert.deepEqual(transitions[0]!.downLocations, ['eu', 'us']);
    assert.deepEqual(transitions[0]!.slowLocations, []);
    assert.equal(transitions[0]!.reason, 'timeout in eu, us (2 of 3 locations)');
  });

  test('different failure reasons are grouped by reason', () => {
    const { transitions } = run(
      [
        ['us', fail('status 503'), 30],
        ['eu', fail(), 30],
        ['us', fail('status 503'), 35],
        ['eu', fail(), 35],
      ],
      policy,
      healthyThree(),
    );
    assert.equal(transitions[0]!.reason, 'timeout in eu; status 503 in us (2 of 3 locations)');
  });

  test('recovery when one of the two down locations recovers (down count below quorum)', () => {
    const down = run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
      ],
      policy,
      healthyThree(),
    ).state;
    const once = run([['us', ok(), 40]], policy, down);
    assert.equal(once.state.state, 'down', 'us has not confirmed its recovery yet');
    const { state, transitions } = run([['us', ok(), 45]], policy, once.state);
    assert.equal(state.state, 'up');
    assert.equal(state.locations.eu!.verdict, 'down');
    assert.equal(transitions[0]!.reason, 'up in ap, us (2 of 3 locations)');
    assert.deepEqual(transitions[0]!.downLocations, ['eu']);
  });

  test('an explicit quorum of 1 makes any location enough', () => {
    const p = policyFor(30_000, { quorum: 1 });
    const { state } = run(
      [
        ['eu', ok(), 0],
        ['us', ok(), 0],
        ['ap', ok(), 0],
        ['eu', fail(), 30],
        ['eu', fail(), 35],
      ],
      p,
    );
    assert.equal(state.state, 'down');
  });

  test('an explicit quorum of 3 of 3 needs every location', () => {
    const p = policyFor(30_000, { quorum: 3 });
    const two = run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
      ],
      p,
      healthyThree(),
    );
    assert.equal(two.state.state, 'up');
    const three = run(
      [
        ['ap', fail(), 36],
        ['ap', fail(), 40],
      ],
      p,
      two.state,
    );
    assert.equal(three.state.state, 'down');
  });

  test('the majority of four is three', () => {
    const four = run([['sa', ok(), 0]], policy, healthyThree()).state;
    const two = run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
      ],
      policy,
      four,
    );
    assert.equal(two.state.state, 'up');
    const three = run(
      [
        ['ap', fail(), 36],
        ['ap', fail(), 40],
      ],
      policy,
      two.state,
    );
    assert.equal(three.state.state, 'down');
  });

  test('a location that ran the monitor but has no verdict yet still counts toward n', () => {
    // A brand-new monitor: eu confirms a failure before us and ap have. 1 of 3 is not a majority.
    const { state } = run([
      ['eu', fail(), 0],
      ['us', fail(), 0],
      ['ap', fail(), 0],
      ['eu', fail(), 5],
    ]);
    assert.equal(state.state, 'unknown');
    const confirmed = run([['us', fail(), 5]], policy, state);
    assert.equal(confirmed.state.state, 'down');
  });
});

describe('stale locations', () => {
  const p = policyFor(10_000); // stale after 30 s

  test('a silent location does not count toward the quorum', () => {
    // ap stops reporting after T0; from then on only eu and us are fresh.
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
    assert.equal(state.state, 'up', '1 of 2 fresh is not a majority');
    const both = run(
      [
        ['us', fail(), 70],
        ['us', fail(), 75],
      ],
      p,
      state,
    );
    assert.equal(both.state.state, 'down', '2 of 2 fresh is, although ap last said up');
    assert.equal(both.transitions[0]!.reason, 'timeout in eu, us (2 of 2 locations)');
  });

  test('a silent down location does not block recovery', () => {
    const down = run(
      [
        ['eu', fail(), 0],
        ['us', fail(), 0],
        ['eu', fail(), 5],
        ['us', fail(), 5],
      ],
      p,
    ).state;
    assert.equal(down.state, 'down');
    // eu goes silent; us recovers after eu is stale.
    const { state } = run(
      [
        ['us', ok(), 40],
        ['us', ok(), 50],
      ],
      p,
      down,
    );
    assert.equal(state.state, 'up');
  });

  test('time passing alone: the only down location going stale lets the up one win', () => {
    const p2 = policyFor(10_000, { quorum: 1 });
    const down = run(
      [
        ['eu', ok(), 0],
        ['us', fail(), 0],
        ['us', fail(), 5],
        ['eu', ok(), 30],
      ],
      p2,
    ).state;
    assert.equal(down.state, 'down');
    assert.deepEqual(evaluateAt(down, at(30), p2).transition, null, 'us still fresh');
    const later = evaluateAt(down, at(36), p2);
    assert.equal(later.state.state, 'up');
    assert.deepEqual(moves([later.transition!]), [['down', 'up']]);
  });

  test('when every location is stale the state is kept, not flipped', () => {
    const down = run(
      [
        ['eu', fail(), 0],
        ['eu', fail(), 5],
      ],
      p,
    ).state;
    const later = evaluateAt(down, at(3600), p);
    assert.equal(later.state.state, 'down');
    assert.equal(later.transition, null);
    assert.equal(later.state, down, 'nothing changed, same object');
    const up = run([['eu', ok(), 0]], p).state;
    assert.equal(evaluateAt(up, at(3600), p).state.state, 'up');
  });
});

describe('slow responses', () => {
  const p = policyFor(30_000, { maxLatencyMs: 1000 });

  test('one slow answer is nothing; two are degraded performance; two fast ones recover', () => {
    const once = run(
      [
        ['local', ok(50), 0],
        ['local', ok(2500), 30],
      ],
      p,
    );
    assert.equal(once.state.state, 'up');
    const slow = run([['local', ok(2600), 35]], p, once.state);
    assert.equal(slow.state.state, 'slow');
    assert.equal(slow.transitions[0]!.reason, 'slow (> 1000 ms) in local (1 of 1 location)');
    assert.deepEqual(slow.transitions[0]!.slowLocations, ['local']);
    assert.equal(componentStatusFor(slow.state.state, p), 'degraded_performance');
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

  test('a failure then a slow answer is slow (not all the bad results were failures)', () => {
    const { state } = run(
      [
        ['local', ok(50), 0],
        ['local', fail(), 30],
        ['local', ok(2500), 35],
      ],
      p,
    );
    assert.equal(state.state, 'slow');
  });

  test('slow then failing twice escalates to down', () => {
    const { state, transitions } = run(
      [
        ['local', ok(50), 0],
        ['local', ok(2500), 30],
        ['local', ok(2500), 35],
        ['local', fail(), 40],
        ['local', fail(), 45],
      ],
      p,
    );
    assert.equal(state.state, 'down');
    assert.deepEqual(moves(transitions), [
      ['unknown', 'up'],
      ['up', 'slow'],
      ['slow', 'down'],
    ]);
  });

  test('leaving down needs recoveryThreshold non-down results: one slow answer is still down', () => {
    const down = run(
      [
        ['local', ok(50), 0],
        ['local', fail(), 30],
        ['local', fail(), 35],
      ],
      p,
    ).state;
    const once = run([['local', ok(2500), 40]], p, down);
    assert.equal(once.state.state, 'down');
    const twice = run([['local', ok(2500), 45]], p, once.state);
    assert.equal(twice.state.state, 'slow');
    assert.equal(twice.transitions[0]!.reason, 'slow (> 1000 ms) in local (1 of 1 location)');
  });

  test('down and slow locations together reach the quorum as slow', () => {
    const { state, transitions } = run(
      [
        ['eu', fail(), 30],
        ['eu', fail(), 35],
        ['us', ok(3000), 30],
        ['us', ok(3000), 35],
      ],
      p,
      healthyThree(),
    );
    assert.equal(state.state, 'slow');
    assert.deepEqual(transitions[0]!.downLocations, ['eu']);
    assert.deepEqual(transitions[0]!.slowLocations, ['us']);
    assert.equal(transitions[0]!.reason, 'timeout in eu; slow (> 1000 ms) in us (2 of 3 locations)');
  });

  test('the slow status follows the policy', () => {
    const custom = policyFor(30_000, { maxLatencyMs: 1000, slowStatus: 'partial_outage' });
    assert.equal(componentStatusFor('slow', custom), 'partial_outage');
  });
});

describe('prompt re-check', () => {
  test('normally one interval later', () => {
    const healthy = run([
      ['eu', ok(), 0],
      ['us', ok(), 0],
    ]).state;
    assert.equal(nextCheckAt(healthy, 'eu', at(0), policy), at(30));
    assert.equal(nextCheckAt(initialState(), 'eu', at(0), policy), at(30), 'never run: the interval');
  });

  test('after a first failure, the failing location re-checks within seconds', () => {
    const suspicious = run([
      ['eu', ok(), 0],
      ['eu', fail(), 30],
    ]).state;
    assert.equal(hasUnconfirmedFailure(suspicious.locations.eu!, policy), true);
    assert.equal(nextCheckAt(suspicious, 'eu', at(30), policy), at(35));
  });

  test('a healthy location re-checks promptly when another location has an unconfirmed failure', () => {
    const suspicious = run([
      ['eu', ok(), 0],
      ['us', ok(), 0],
      ['eu', fail(), 30],
      ['us', ok(), 30],
    ]).state;
    assert.equal(nextCheckAt(suspicious, 'us', at(30), policy), at(35));
  });

  test('once confirmed (or cleared), back to the interval', () => {
    const confirmed = run([
      ['eu', ok(), 0],
      ['eu', fail(), 30],
      ['eu', fail(), 35],
    ]).state;
    assert.equal(nextCheckAt(confirmed, 'eu', at(35), policy), at(65));
    const cleared = run([['eu', ok(), 40]], policy, confirmed).state;
    assert.equal(nextCheckAt(cleared, 'eu', at(40), policy), at(70), 'recoveries are not rushed');
  });

  test('a first failure of a new location, and a first down after slow, are unconfirmed too', () => {
    const fresh = run([['eu', fail(), 0]]).state;
    assert.equal(nextCheckAt(fresh, 'eu', at(0), policy), at(5));
    const p = policyFor(30_000, { maxLatencyMs: 1000 });
    const slowThenDown = run(
      [
        ['eu', ok(2000), 0],
        ['eu', ok(2000), 30],
        ['eu', fail(), 60],
      ],
      p,
    ).state;
    assert.equal(slowThenDown.locations.eu!.verdict, 'slow');
    assert.equal(nextCheckAt(slowThenDown, 'eu', at(60), p), at(65));
  });

  test('a stale location with an old unconfirmed failure does not keep others re-checking', () => {
    const state = run([
      ['eu', ok(), 0],
      ['us', ok(), 0],
      ['eu', fail(), 30],
      ['us', ok(), 200],
    ]).state;
    assert.equal(nextCheckAt(state, 'us', at(200), policy), at(230));
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
    assert.equal(nextCheckAt(state, 'eu', at(3), p), at(6));
  });
});

describe('reducer', () => {
  test('reduceMonitor folds results and ticks like applyResult and evaluateAt', () => {
    const p = policyFor(10_000, { quorum: 1 });
    let state = initialState();
    const transitions: Transition[] = [];
    for (const event of [
      { type: 'result', location: 'eu', result: ok(), at: at(0) },
      { type: 'result', location: 'us', result: fail(), at: at(0) },
      { type: 'result', location: 'us', result: fail(), at: at(5) },
      { type: 'result', location: 'eu', result: ok(), at: at(30) },
      { type: 'tick', at: at(40) },
    ] as const) {
      const out = reduceMonitor(state, event, p);
      state = out.state;
      if (out.transition) transitions.push(out.transition);
    }
    assert.deepEqual(moves(transitions), [
      ['unknown', 'up'],
      ['up', 'down'],
      ['down', 'up'],
    ]);
    assert.deepEqual(
      transitions.map((t) => t.at),
      [at(0), at(5), at(40)],
    );
  });

  test('the input state is never changed', () => {
    const start = healthyThree();
    const snapshot = structuredClone(start);
    run(
      [
        ['eu', fail(), 30],
        ['us', fail(), 30],
        ['eu', fail(), 35],
        ['us', fail(), 35],
        ['new', ok(), 36],
      ],
      policy,
      start,
    );
    evaluateAt(start, at(9999), policy);
    assert.deepEqual(start, snapshot);
  });

  test('each location records its name, counters and latest result', () => {
    const { state } = run([
      ['eu', ok(), 0],
      ['eu', fail('status 503'), 30],
    ]);
    assert.deepEqual(state.locations.eu, {
      location: 'eu',
      verdict: 'up',
      consecutiveUp: 0,
      consecutiveNotUp: 1,
      consecutiveDown: 1,
      consecutiveNotDown: 0,
      lastAt: at(30),
      lastResult: fail('status 503'),
      lastProblem: 'status 503',
    });
  });
});

test('component status mapping follows the policy', () => {
  const p = policyFor(60_000, { downStatus: 'partial_outage' });
  assert.equal(componentStatusFor('down', p), 'partial_outage');
  assert.equal(componentStatusFor('down', policy), 'major_outage');
  assert.equal(componentStatusFor('slow', policy), 'degraded_performance');
  assert.equal(componentStatusFor('up', p), 'operational');
  assert.equal(componentStatusFor('unknown', p), null);
});
