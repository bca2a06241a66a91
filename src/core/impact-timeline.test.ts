import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentStatus } from './component-status.js';
import { computeImpactTimeline, type ComponentImpact, type ImpactChange } from './impact-timeline.js';

const change = (componentId: string, segmentId: string | null, status: ComponentStatus, at: string): ImpactChange => ({
  componentId,
  segmentId,
  status,
  at,
});

function only(result: ComponentImpact[], componentId: string): ComponentImpact {
  const found = result.filter((r) => r.componentId === componentId);
  assert.equal(found.length, 1, `expected exactly one entry for ${componentId}`);
  return found[0]!;
}

function segment(impact: ComponentImpact, segmentId: string) {
  const found = impact.segments.filter((s) => s.segmentId === segmentId);
  assert.equal(found.length, 1, `expected exactly one segment entry for ${segmentId}`);
  return found[0]!;
}

describe('computeImpactTimeline: seed 000 (SMSGate)', () => {
  const changes = [
    change('api', 'cloud', 'major_outage', '2026-07-04T14:55:00Z'),
    change('api', 'private', 'degraded_performance', '2026-07-04T14:55:00Z'),
    change('api', 'cloud', 'operational', '2026-07-04T22:05:00Z'),
    change('api', 'private', 'operational', '2026-07-04T22:05:00Z'),
  ];
  const until = '2026-07-04T23:32:00Z';

  test('one entry, for api', () => {
    const result = computeImpactTimeline(changes, until);
    assert.deepEqual(
      result.map((r) => r.componentId),
      ['api'],
    );
  });

  test('api overall: 14:55 → 22:05, 25800 s (7 h 10 min) in major_outage', () => {
    const api = only(computeImpactTimeline(changes, until), 'api');
    assert.equal(api.startedAt, '2026-07-04T14:55:00.000Z');
    assert.equal(api.endedAt, '2026-07-04T22:05:00.000Z');
    assert.equal(api.durationSeconds, 25800);
    assert.equal(api.durationSeconds, 7 * 3600 + 10 * 60);
    assert.equal(api.worstStatus, 'major_outage');
    assert.deepEqual(api.bySecondsInStatus, { major_outage: 25800 });
  });

  test('segment cloud: 25800 s major_outage', () => {
    const cloud = segment(only(computeImpactTimeline(changes, until), 'api'), 'cloud');
    assert.deepEqual(cloud, {
      segmentId: 'cloud',
      startedAt: '2026-07-04T14:55:00.000Z',
      endedAt: '2026-07-04T22:05:00.000Z',
      durationSeconds: 25800,
      bySecondsInStatus: { major_outage: 25800 },
      worstStatus: 'major_outage',
    });
  });

  test('segment private: 25800 s degraded_performance', () => {
    const priv = segment(only(computeImpactTimeline(changes, until), 'api'), 'private');
    assert.deepEqual(priv, {
      segmentId: 'private',
      startedAt: '2026-07-04T14:55:00.000Z',
      endedAt: '2026-07-04T22:05:00.000Z',
      durationSeconds: 25800,
      bySecondsInStatus: { degraded_performance: 25800 },
      worstStatus: 'degraded_performance',
    });
  });

  test('no entry for the untouched local segment', () => {
    const api = only(computeImpactTimeline(changes, until), 'api');
    assert.deepEqual(api.segments.map((s) => s.segmentId).sort(), ['cloud', 'private']);
    assert.equal(
      api.segments.some((s) => s.segmentId === 'local'),
      false,
    );
  });

  test('the same result whatever the order of the changes', () => {
    const expected = computeImpactTimeline(changes, until);
    const shuffled = [changes[3]!, changes[0]!, changes[2]!, changes[1]!];
    const actual = computeImpactTimeline(shuffled, until);
    const api = only(actual, 'api');
    const exp = only(expected, 'api');
    assert.deepEqual(
      { ...api, segments: [...api.segments].sort((a, b) => a.segmentId.localeCompare(b.segmentId)) },
      { ...exp, segments: [...exp.segments].sort((a, b) => a.segmentId.localeCompare(b.segmentId)) },
    );
  });
});

describe('computeImpactTimeline: general rules', () => {
  test('no changes → no components', () => {
    assert.deepEqual(computeImpactTimeline([], '2026-07-04T12:00:00Z'), []);
  });

  test('an ongoing impact counts up to `until` and has endedAt null', () => {
    const [web] = computeImpactTimeline(
      [change('web', null, 'partial_outage', '2026-07-04T10:00:00Z')],
      '2026-07-04T11:30:00Z',
    );
    assert.deepEqual(web, {
      componentId: 'web',
      startedAt: '2026-07-04T10:00:00.000Z',
      endedAt: null,
      durationSeconds: 5400,
      bySecondsInStatus: { partial_outage: 5400 },
      worstStatus: 'partial_outage',
      segments: [],
    });
  });

  test('an ongoing segment impact counts up to `until`, for the segment and the component', () => {
    const api = only(
      computeImpactTimeline([change('api', 'cloud', 'major_outage', '2026-07-04T10:00:00Z')], '2026-07-04T10:20:00Z'),
      'api',
    );
    assert.equal(api.endedAt, null);
    assert.equal(api.durationSeconds, 1200);
    const cloud = segment(api, 'cloud');
    assert.equal(cloud.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(cloud.endedAt, null);
    assert.equal(cloud.durationSeconds, 1200);
    assert.deepEqual(cloud.bySecondsInStatus, { major_outage: 1200 });
  });

  test('a change exactly at `until` that is still affected counts 0 s and stays open', () => {
    const [web] = computeImpactTimeline(
      [change('web', null, 'major_outage', '2026-07-04T10:00:00Z')],
      '2026-07-04T10:00:00Z',
    );
    assert.equal(web!.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(web!.endedAt, null);
    assert.equal(web!.durationSeconds, 0);
    assert.equal(web!.worstStatus, 'major_outage');
  });

  test('two episodes (down 10 min, up 5 min, down 10 min) → 1200 s, first start to last recovery', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'major_outage', '2026-07-04T10:00:00Z'),
        change('web', null, 'operational', '2026-07-04T10:10:00Z'),
        change('web', null, 'major_outage', '2026-07-04T10:15:00Z'),
        change('web', null, 'operational', '2026-07-04T10:25:00Z'),
      ],
      '2026-07-04T12:00:00Z',
    );
    assert.deepEqual(web, {
      componentId: 'web',
      startedAt: '2026-07-04T10:00:00.000Z',
      endedAt: '2026-07-04T10:25:00.000Z',
      durationSeconds: 1200,
      bySecondsInStatus: { major_outage: 1200 },
      worstStatus: 'major_outage',
      segments: [],
    });
  });

  test('a second episode still ongoing → endedAt null, time counted up to `until`', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'degraded_performance', '2026-07-04T10:00:00Z'),
        change('web', null, 'operational', '2026-07-04T10:10:00Z'),
        change('web', null, 'degraded_performance', '2026-07-04T10:15:00Z'),
      ],
      '2026-07-04T10:30:00Z',
    );
    assert.equal(web!.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(web!.endedAt, null);
    assert.equal(web!.durationSeconds, 600 + 900);
  });

  test('a whole-component change and a segment change merge by worst-of at each instant', () => {
    const api = only(
      computeImpactTimeline(
        [
          change('api', null, 'degraded_performance', '2026-07-04T10:00:00Z'),
          change('api', 'x', 'major_outage', '2026-07-04T11:00:00Z'),
          change('api', 'x', 'operational', '2026-07-04T11:30:00Z'),
          change('api', null, 'operational', '2026-07-04T12:00:00Z'),
        ],
        '2026-07-04T13:00:00Z',
      ),
      'api',
    );
    assert.equal(api.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(api.endedAt, '2026-07-04T12:00:00.000Z');
    assert.equal(api.durationSeconds, 7200);
    assert.deepEqual(api.bySecondsInStatus, { degraded_performance: 5400, major_outage: 1800 });
    assert.equal(api.worstStatus, 'major_outage');
    // Whole-component changes have no segment entry of their own.
    assert.deepEqual(
      api.segments.map((s) => s.segmentId),
      ['x'],
    );
  });

  test('a segment recovering does not end the component impact while the whole is still affected', () => {
    const api = only(
      computeImpactTimeline(
        [
          change('api', 'x', 'major_outage', '2026-07-04T10:00:00Z'),
          change('api', null, 'partial_outage', '2026-07-04T10:30:00Z'),
          change('api', 'x', 'operational', '2026-07-04T11:00:00Z'),
          change('api', null, 'operational', '2026-07-04T11:15:00Z'),
        ],
        '2026-07-04T12:00:00Z',
      ),
      'api',
    );
    assert.equal(api.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(api.endedAt, '2026-07-04T11:15:00.000Z');
    assert.equal(api.durationSeconds, 4500);
    assert.deepEqual(api.bySecondsInStatus, { major_outage: 3600, partial_outage: 900 });
  });

  test('segments with overlapping impacts merge into one continuous component span', () => {
    const api = only(
      computeImpactTimeline(
        [
          change('api', 'a', 'degraded_performance', '2026-07-04T10:00:00Z'),
          change('api', 'b', 'partial_outage', '2026-07-04T10:10:00Z'),
          change('api', 'a', 'operational', '2026-07-04T10:20:00Z'),
          change('api', 'b', 'operational', '2026-07-04T10:40:00Z'),
        ],
        '2026-07-04T11:00:00Z',
      ),
      'api',
    );
    assert.equal(api.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(api.endedAt, '2026-07-04T10:40:00.000Z');
    assert.equal(api.durationSeconds, 2400);
    assert.deepEqual(api.bySecondsInStatus, { degraded_performance: 600, partial_outage: 1800 });
    assert.equal(segment(api, 'a').durationSeconds, 1200);
    assert.equal(segment(api, 'b').durationSeconds, 1800);
  });

  test('changes given out of order are sorted', () => {
    const api = only(
      computeImpactTimeline(
        [
          change('api', null, 'operational', '2026-07-04T12:00:00Z'),
          change('api', 'x', 'operational', '2026-07-04T11:30:00Z'),
          change('api', 'x', 'major_outage', '2026-07-04T11:00:00Z'),
          change('api', null, 'degraded_performance', '2026-07-04T10:00:00Z'),
        ],
        '2026-07-04T13:00:00Z',
      ),
      'api',
    );
    assert.equal(api.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(api.endedAt, '2026-07-04T12:00:00.000Z');
    assert.equal(api.durationSeconds, 7200);
    assert.deepEqual(api.bySecondsInStatus, { degraded_performance: 5400, major_outage: 1800 });
    // Segment x inherits the whole-component degradation around its own major outage.
    const x = segment(api, 'x');
    assert.equal(x.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(x.endedAt, '2026-07-04T12:00:00.000Z');
    assert.deepEqual(x.bySecondsInStatus, { degraded_performance: 5400, major_outage: 1800 });
  });

  test('an out-of-order two-episode track gives the same span as the ordered one', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'operational', '2026-07-04T10:25:00Z'),
        change('web', null, 'major_outage', '2026-07-04T10:15:00Z'),
        change('web', null, 'operational', '2026-07-04T10:10:00Z'),
        change('web', null, 'major_outage', '2026-07-04T10:00:00Z'),
      ],
      '2026-07-04T12:00:00Z',
    );
    assert.equal(web!.startedAt, '2026-07-04T10:00:00.000Z');
    assert.equal(web!.endedAt, '2026-07-04T10:25:00.000Z');
    assert.equal(web!.durationSeconds, 1200);
  });

  test('a change to operational with no prior impact → startedAt null, duration 0', () => {
    const [web] = computeImpactTimeline(
      [change('web', null, 'operational', '2026-07-04T10:00:00Z')],
      '2026-07-04T11:00:00Z',
    );
    assert.deepEqual(web, {
      componentId: 'web',
      startedAt: null,
      endedAt: null,
      durationSeconds: 0,
      bySecondsInStatus: {},
      worstStatus: 'operational',
      segments: [],
    });
  });

  test('a segment set to operational with no prior impact is listed, unaffected', () => {
    const api = only(
      computeImpactTimeline([change('api', 'local', 'operational', '2026-07-04T10:00:00Z')], '2026-07-04T11:00:00Z'),
      'api',
    );
    assert.equal(api.startedAt, null);
    assert.equal(api.durationSeconds, 0);
    assert.deepEqual(segment(api, 'local'), {
      segmentId: 'local',
      startedAt: null,
      endedAt: null,
      durationSeconds: 0,
      bySecondsInStatus: {},
      worstStatus: 'operational',
    });
  });

  test('time in each status is split when the status worsens and improves', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'degraded_performance', '2026-07-04T10:00:00Z'),
        change('web', null, 'partial_outage', '2026-07-04T10:05:00Z'),
        change('web', null, 'major_outage', '2026-07-04T10:15:00Z'),
        change('web', null, 'degraded_performance', '2026-07-04T10:45:00Z'),
        change('web', null, 'operational', '2026-07-04T11:00:00Z'),
      ],
      '2026-07-04T11:30:00Z',
    );
    assert.equal(web!.durationSeconds, 3600);
    assert.deepEqual(web!.bySecondsInStatus, {
      degraded_performance: 300 + 900,
      partial_outage: 600,
      major_outage: 1800,
    });
    assert.equal(web!.worstStatus, 'major_outage');
    assert.equal(web!.endedAt, '2026-07-04T11:00:00.000Z');
  });

  test('maintenance counts as time away from operational', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'under_maintenance', '2026-07-04T02:00:00Z'),
        change('web', null, 'operational', '2026-07-04T03:00:00Z'),
      ],
      '2026-07-04T04:00:00Z',
    );
    assert.equal(web!.durationSeconds, 3600);
    assert.deepEqual(web!.bySecondsInStatus, { under_maintenance: 3600 });
    assert.equal(web!.worstStatus, 'under_maintenance');
  });

  test('repeating the same status does not double-count', () => {
    const [web] = computeImpactTimeline(
      [
        change('web', null, 'partial_outage', '2026-07-04T10:00:00Z'),
        change('web', null, 'partial_outage', '2026-07-04T10:30:00Z'),
        change('web', null, 'operational', '2026-07-04T11:00:00Z'),
      ],
      '2026-07-04T12:00:00Z',
    );
    assert.equal(web!.durationSeconds, 3600);
    assert.deepEqual(web!.bySecondsInStatus, { partial_outage: 3600 });
    assert.equal(web!.startedAt, '2026-07-04T10:00:00.000Z');
  });

  test('several components are computed independently', () => {
    const result = computeImpactTimeline(
      [
        change('api', null, 'major_outage', '2026-07-04T10:00:00Z'),
        change('web', null, 'degraded_performance', '2026-07-04T10:30:00Z'),
        change('api', null, 'operational', '2026-07-04T10:10:00Z'),
      ],
      '2026-07-04T11:00:00Z',
    );
    assert.equal(result.length, 2);
    const api = only(result, 'api');
    const web = only(result, 'web');
    assert.equal(api.durationSeconds, 600);
    assert.deepEqual(api.bySecondsInStatus, { major_outage: 600 });
    assert.equal(api.endedAt, '2026-07-04T10:10:00.000Z');
    assert.equal(web.durationSeconds, 1800);
    assert.deepEqual(web.bySecondsInStatus, { degraded_performance: 1800 });
    assert.equal(web.endedAt, null);
  });

  test('durationSeconds always equals the sum of bySecondsInStatus', () => {
    const result = computeImpactTimeline(
      [
        change('api', null, 'degraded_performance', '2026-07-04T10:00:00Z'),
        change('api', 'x', 'major_outage', '2026-07-04T11:00:00Z'),
        change('api', 'y', 'partial_outage', '2026-07-04T11:10:00Z'),
        change('api', 'x', 'operational', '2026-07-04T11:30:00Z'),
        change('api', null, 'operational', '2026-07-04T12:00:00Z'),
      ],
      '2026-07-04T13:00:00Z',
    );
    const api = only(result, 'api');
    const spans = [api, ...api.segments];
    for (const span of spans) {
      const sum = Object.values(span.bySecondsInStatus).reduce((a, b) => a + (b ?? 0), 0);
      assert.equal(span.durationSeconds, sum);
    }
    // y never recovers: it and the component run to `until`.
    assert.equal(segment(api, 'y').endedAt, null);
    assert.equal(api.endedAt, null);
  });

  test('does not mutate its input', () => {
    const changes = [
      change('api', null, 'operational', '2026-07-04T12:00:00Z'),
      change('api', null, 'major_outage', '2026-07-04T10:00:00Z'),
    ];
    const copy = changes.map((c) => ({ ...c }));
    computeImpactTimeline(changes, '2026-07-04T13:00:00Z');
    assert.deepEqual(changes, copy);
  });
});

describe('computeImpactTimeline: segments inherit whole-component changes, time stops at until', () => {
  test('a whole-component change counts in every named segment', () => {
    const [api] = computeImpactTimeline(
      [
        { componentId: 'api', segmentId: null, status: 'degraded_performance', at: '2026-01-01T10:00:00.000Z' },
        { componentId: 'api', segmentId: 'x', status: 'major_outage', at: '2026-01-01T11:00:00.000Z' },
        { componentId: 'api', segmentId: 'x', status: 'operational', at: '2026-01-01T11:30:00.000Z' },
        { componentId: 'api', segmentId: null, status: 'operational', at: '2026-01-01T12:00:00.000Z' },
      ],
      '2026-01-01T13:00:00.000Z',
    );
    const x = api!.segments.find((s) => s.segmentId === 'x')!;
    assert.equal(x.durationSeconds, 7200);
    assert.deepEqual(x.bySecondsInStatus, { degraded_performance: 5400, major_outage: 1800 });
    assert.equal(x.startedAt, '2026-01-01T10:00:00.000Z');
    assert.equal(x.endedAt, '2026-01-01T12:00:00.000Z');
  });

  test('changes dated after until do not add time', () => {
    const [api] = computeImpactTimeline(
      [
        { componentId: 'api', segmentId: null, status: 'major_outage', at: '2026-01-01T10:00:00.000Z' },
        { componentId: 'api', segmentId: null, status: 'partial_outage', at: '2026-01-01T12:00:00.000Z' },
        { componentId: 'api', segmentId: null, status: 'operational', at: '2026-01-01T13:00:00.000Z' },
      ],
      '2026-01-01T11:00:00.000Z',
    );
    assert.equal(api!.durationSeconds, 3600);
    assert.deepEqual(api!.bySecondsInStatus, { major_outage: 3600 });
  });
});
