import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from './errors.js';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  classifyTransition,
  deriveIncidentTimes,
  isIncidentStatus,
  type IncidentStatus,
  type TimedUpdate,
} from './incident-lifecycle.js';

const u = (status: IncidentStatus, displayAt: string): TimedUpdate => ({ status, displayAt });

describe('incident constants', () => {
  test('statuses are in forward order', () => {
    assert.deepEqual([...INCIDENT_STATUSES], ['investigating', 'identified', 'monitoring', 'resolved']);
  });

  test("impacts follow Statuspage's scale", () => {
    assert.deepEqual([...INCIDENT_IMPACTS], ['none', 'minor', 'major', 'critical']);
  });
});

describe('isIncidentStatus', () => {
  test('accepts the four statuses', () => {
    for (const s of INCIDENT_STATUSES) assert.equal(isIncidentStatus(s), true, s);
  });

  test('rejects anything else', () => {
    for (const v of ['', 'Resolved', 'scheduled', 'in_progress', 'completed', 'postmortem', null, undefined, 1, {}]) {
      assert.equal(isIncidentStatus(v), false, String(v));
    }
  });
});

describe('classifyTransition', () => {
  test('same status → same', () => {
    for (const s of INCIDENT_STATUSES) assert.equal(classifyTransition(s, s), 'same', s);
  });

  test('one step forward → forward', () => {
    assert.equal(classifyTransition('investigating', 'identified'), 'forward');
    assert.equal(classifyTransition('identified', 'monitoring'), 'forward');
    assert.equal(classifyTransition('monitoring', 'resolved'), 'forward');
  });

  test('skipping steps is still forward', () => {
    assert.equal(classifyTransition('investigating', 'resolved'), 'forward');
    assert.equal(classifyTransition('investigating', 'monitoring'), 'forward');
    assert.equal(classifyTransition('identified', 'resolved'), 'forward');
  });

  test('moving back → reopen', () => {
    assert.equal(classifyTransition('resolved', 'investigating'), 'reopen');
    assert.equal(classifyTransition('monitoring', 'identified'), 'reopen');
    assert.equal(classifyTransition('resolved', 'monitoring'), 'reopen');
    assert.equal(classifyTransition('identified', 'investigating'), 'reopen');
  });

  test('all 16 pairs follow the forward order', () => {
    for (const [i, from] of INCIDENT_STATUSES.entries()) {
      for (const [j, to] of INCIDENT_STATUSES.entries()) {
        const expected = i === j ? 'same' : j > i ? 'forward' : 'reopen';
        assert.equal(classifyTransition(from, to), expected, `${from} → ${to}`);
      }
    }
  });
});

describe('deriveIncidentTimes', () => {
  test('throws DomainError INCIDENT_WITHOUT_UPDATES for no updates', () => {
    assert.throws(
      () => deriveIncidentTimes([]),
      (err: unknown) => {
        assert.ok(err instanceof DomainError);
        assert.equal(err.code, 'INCIDENT_WITHOUT_UPDATES');
        assert.equal(err.kind, 'invalid');
        return true;
      },
    );
  });

  test('a single investigating update: started, not monitoring, not resolved', () => {
    assert.deepEqual(deriveIncidentTimes([u('investigating', '2026-07-04T14:55:00.000Z')]), {
      startedAt: '2026-07-04T14:55:00.000Z',
      monitoringAt: null,
      resolvedAt: null,
    });
  });

  test('an incident created already resolved starts and resolves at the same update', () => {
    assert.deepEqual(deriveIncidentTimes([u('resolved', '2026-07-04T14:55:00.000Z')]), {
      startedAt: '2026-07-04T14:55:00.000Z',
      monitoringAt: null,
      resolvedAt: '2026-07-04T14:55:00.000Z',
    });
  });

  test('the full forward path', () => {
    const updates = [
      u('investigating', '2026-07-04T14:55:00.000Z'),
      u('identified', '2026-07-04T16:00:00.000Z'),
      u('monitoring', '2026-07-04T22:05:00.000Z'),
      u('resolved', '2026-07-04T23:32:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T14:55:00.000Z',
      monitoringAt: '2026-07-04T22:05:00.000Z',
      resolvedAt: '2026-07-04T23:32:00.000Z',
    });
  });

  test('skipping straight from investigating to resolved', () => {
    assert.deepEqual(
      deriveIncidentTimes([u('investigating', '2026-07-04T10:00:00.000Z'), u('resolved', '2026-07-04T11:00:00.000Z')]),
      { startedAt: '2026-07-04T10:00:00.000Z', monitoringAt: null, resolvedAt: '2026-07-04T11:00:00.000Z' },
    );
  });

  test('startedAt is the earliest display_at even when updates come out of order', () => {
    const updates = [
      u('resolved', '2026-07-04T23:32:00.000Z'),
      u('monitoring', '2026-07-04T22:05:00.000Z'),
      u('investigating', '2026-07-04T14:55:00.000Z'),
      u('identified', '2026-07-04T16:00:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T14:55:00.000Z',
      monitoringAt: '2026-07-04T22:05:00.000Z',
      resolvedAt: '2026-07-04T23:32:00.000Z',
    });
  });

  test('a back-dated first update moves startedAt earlier', () => {
    const updates = [
      u('investigating', '2026-07-04T15:10:00.000Z'),
      u('identified', '2026-07-04T15:30:00.000Z'),
      // Posted last, but back-dated to when the problem really began.
      u('investigating', '2026-07-04T14:55:00.000Z'),
    ];
    assert.equal(deriveIncidentTimes(updates).startedAt, '2026-07-04T14:55:00.000Z');
  });

  test('monitoringAt is the first monitoring update, not a later one', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('monitoring', '2026-07-04T11:00:00.000Z'),
      u('monitoring', '2026-07-04T11:30:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T10:00:00.000Z',
      monitoringAt: '2026-07-04T11:00:00.000Z',
      resolvedAt: null,
    });
  });

  test('resolvedAt is the update that resolved it, not a later follow-up in resolved', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('resolved', '2026-07-04T11:00:00.000Z'),
      u('resolved', '2026-07-05T09:00:00.000Z'),
    ];
    assert.equal(deriveIncidentTimes(updates).resolvedAt, '2026-07-04T11:00:00.000Z');
  });

  test('resolvedAt is set only when the latest update is resolved', () => {
    assert.equal(
      deriveIncidentTimes([u('investigating', '2026-07-04T10:00:00.000Z'), u('monitoring', '2026-07-04T11:00:00.000Z')])
        .resolvedAt,
      null,
    );
    // Latest by display_at, not by position in the list.
    assert.equal(
      deriveIncidentTimes([u('monitoring', '2026-07-04T11:00:00.000Z'), u('resolved', '2026-07-04T10:00:00.000Z')])
        .resolvedAt,
      null,
    );
  });

  test('a reopen (resolved → investigating) clears resolvedAt', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('monitoring', '2026-07-04T10:30:00.000Z'),
      u('resolved', '2026-07-04T11:00:00.000Z'),
      u('investigating', '2026-07-04T12:00:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T10:00:00.000Z',
      // The monitoring of the earlier episode no longer counts.
      monitoringAt: null,
      resolvedAt: null,
    });
  });

  test('a second resolution after a reopen uses the new resolved time', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('resolved', '2026-07-04T11:00:00.000Z'),
      u('investigating', '2026-07-04T12:00:00.000Z'),
      u('monitoring', '2026-07-04T12:30:00.000Z'),
      u('resolved', '2026-07-04T13:00:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T10:00:00.000Z',
      monitoringAt: '2026-07-04T12:30:00.000Z',
      resolvedAt: '2026-07-04T13:00:00.000Z',
    });
  });

  test('reopen and second resolution work when updates are given out of order', () => {
    const updates = [
      u('resolved', '2026-07-04T13:00:00.000Z'),
      u('investigating', '2026-07-04T12:00:00.000Z'),
      u('resolved', '2026-07-04T11:00:00.000Z'),
      u('investigating', '2026-07-04T10:00:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T10:00:00.000Z',
      monitoringAt: null,
      resolvedAt: '2026-07-04T13:00:00.000Z',
    });
  });

  test('monitoring → identified reopens: monitoringAt is the first monitoring after it', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('monitoring', '2026-07-04T10:30:00.000Z'),
      u('identified', '2026-07-04T11:00:00.000Z'),
      u('monitoring', '2026-07-04T11:45:00.000Z'),
    ];
    assert.deepEqual(deriveIncidentTimes(updates), {
      startedAt: '2026-07-04T10:00:00.000Z',
      monitoringAt: '2026-07-04T11:45:00.000Z',
      resolvedAt: null,
    });
  });

  test('monitoring → identified reopen without a new monitoring update clears monitoringAt', () => {
    const updates = [
      u('investigating', '2026-07-04T10:00:00.000Z'),
      u('monitoring', '2026-07-04T10:30:00.000Z'),
      u('identified', '2026-07-04T11:00:00.000Z'),
    ];
    assert.equal(deriveIncidentTimes(updates).monitoringAt, null);
  });

  test('does not reorder the caller’s array', () => {
    const updates = [u('resolved', '2026-07-04T11:00:00.000Z'), u('investigating', '2026-07-04T10:00:00.000Z')];
    const copy = updates.map((x) => ({ ...x }));
    deriveIncidentTimes(updates);
    assert.deepEqual(updates, copy);
  });
});
