import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toStatusIntervals } from './status-intervals.js';

test('each change holds until the next one on its track, and never past the resolution', () => {
  const intervals = toStatusIntervals(
    [
      { componentId: 'api', segmentId: null, status: 'major_outage', at: '2026-01-01T10:00:00Z' },
      { componentId: 'api', segmentId: 'eu', status: 'partial_outage', at: '2026-01-01T10:30:00Z' },
      { componentId: 'api', segmentId: null, status: 'degraded_performance', at: '2026-01-01T11:00:00Z' },
      { componentId: 'api', segmentId: null, status: 'operational', at: '2026-01-01T12:00:00Z' },
    ],
    '2026-01-01T13:00:00Z',
    'inc',
  );
  assert.deepEqual(
    intervals.map((i) => [i.segmentId, i.status, i.from, i.to, i.incidentId]),
    [
      [null, 'major_outage', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', 'inc'],
      [null, 'degraded_performance', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z', 'inc'],
      ['eu', 'partial_outage', '2026-01-01T10:30:00.000Z', '2026-01-01T13:00:00.000Z', 'inc'],
    ],
  );
});

test('an open incident leaves its last status open-ended', () => {
  const intervals = toStatusIntervals(
    [{ componentId: 'api', segmentId: null, status: 'major_outage', at: '2026-01-01T10:00:00Z' }],
    null,
    'inc',
  );
  assert.equal(intervals[0]!.to, null);
});
