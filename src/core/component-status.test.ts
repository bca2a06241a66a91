import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPONENT_STATUSES,
  isComponentStatus,
  resolveEffectiveStatus,
  severityOf,
  worstStatus,
  type ComponentStatus,
  type StatusSource,
} from './component-status.js';

const ORDER: ComponentStatus[] = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
];

describe('severity order', () => {
  test('COMPONENT_STATUSES lists the five statuses from best to worst', () => {
    assert.deepEqual([...COMPONENT_STATUSES], ORDER);
  });

  test('operational < under_maintenance < degraded_performance < partial_outage < major_outage', () => {
    for (let i = 1; i < ORDER.length; i++) {
      assert.ok(severityOf(ORDER[i - 1]!) < severityOf(ORDER[i]!), `${ORDER[i - 1]} should rank below ${ORDER[i]}`);
    }
  });

  test('maintenance ranks below any unplanned trouble', () => {
    assert.ok(severityOf('under_maintenance') < severityOf('degraded_performance'));
    assert.ok(severityOf('under_maintenance') > severityOf('operational'));
  });
});

describe('isComponentStatus', () => {
  test('accepts each of the five statuses', () => {
    for (const s of ORDER) assert.equal(isComponentStatus(s), true, s);
  });

  test('rejects other strings and non-strings', () => {
    for (const v of ['', 'Operational', 'down', 'maintenance', 'resolved', ' operational']) {
      assert.equal(isComponentStatus(v), false, JSON.stringify(v));
    }
    for (const v of [null, undefined, 0, 4, true, {}, ['operational']]) {
      assert.equal(isComponentStatus(v), false, String(v));
    }
  });
});

describe('worstStatus', () => {
  test('of an empty list is operational', () => {
    assert.equal(worstStatus([]), 'operational');
  });

  test('of a single status is that status', () => {
    for (const s of ORDER) assert.equal(worstStatus([s]), s);
  });

  test('picks the most severe regardless of order', () => {
    assert.equal(worstStatus(['degraded_performance', 'major_outage', 'operational']), 'major_outage');
    assert.equal(worstStatus(['partial_outage', 'degraded_performance']), 'partial_outage');
    assert.equal(worstStatus(['under_maintenance', 'operational']), 'under_maintenance');
    assert.equal(worstStatus(['degraded_performance', 'under_maintenance']), 'degraded_performance');
    assert.equal(worstStatus(['operational', 'operational']), 'operational');
  });

  test('every pair resolves to the higher-ranked status', () => {
    for (let i = 0; i < ORDER.length; i++) {
      for (let j = 0; j < ORDER.length; j++) {
        assert.equal(worstStatus([ORDER[i]!, ORDER[j]!]), ORDER[Math.max(i, j)]);
      }
    }
  });

  test('accepts any iterable (Set, generator)', () => {
    assert.equal(worstStatus(new Set<ComponentStatus>(['operational', 'partial_outage'])), 'partial_outage');
    function* gen(): Generator<ComponentStatus> {
      yield 'under_maintenance';
      yield 'degraded_performance';
    }
    assert.equal(worstStatus(gen()), 'degraded_performance');
  });
});

describe('resolveEffectiveStatus', () => {
  const api = (segmentId: string | null, status: ComponentStatus): StatusSource => ({
    componentId: 'api',
    segmentId,
    status,
  });

  test('seed: API cloud major, private degraded → API major; local operational', () => {
    const result = resolveEffectiveStatus(
      [api('cloud', 'major_outage'), api('private', 'degraded_performance')],
      ['cloud', 'private', 'local'],
    );
    assert.deepEqual(result, {
      status: 'major_outage',
      segments: { cloud: 'major_outage', private: 'degraded_performance', local: 'operational' },
    });
  });

  test('no sources → operational everywhere', () => {
    assert.deepEqual(resolveEffectiveStatus([], ['a', 'b']), {
      status: 'operational',
      segments: { a: 'operational', b: 'operational' },
    });
  });

  test('no sources and no segments → operational with no segment entries', () => {
    assert.deepEqual(resolveEffectiveStatus([], []), { status: 'operational', segments: {} });
  });

  test('a whole-component source applies to every segment', () => {
    const result = resolveEffectiveStatus([api(null, 'partial_outage')], ['cloud', 'private', 'local']);
    assert.deepEqual(result, {
      status: 'partial_outage',
      segments: { cloud: 'partial_outage', private: 'partial_outage', local: 'partial_outage' },
    });
  });

  test('a whole-component source on a component without segments sets its status', () => {
    assert.deepEqual(resolveEffectiveStatus([api(null, 'degraded_performance')], []), {
      status: 'degraded_performance',
      segments: {},
    });
  });

  test("a segment's status is worst(whole, own): own worse than whole", () => {
    const result = resolveEffectiveStatus(
      [api(null, 'degraded_performance'), api('cloud', 'major_outage')],
      ['cloud', 'private'],
    );
    assert.deepEqual(result, {
      status: 'major_outage',
      segments: { cloud: 'major_outage', private: 'degraded_performance' },
    });
  });

  test("a segment's status is worst(whole, own): whole worse than own", () => {
    const result = resolveEffectiveStatus(
      [api(null, 'major_outage'), api('cloud', 'degraded_performance')],
      ['cloud', 'private'],
    );
    assert.deepEqual(result, {
      status: 'major_outage',
      segments: { cloud: 'major_outage', private: 'major_outage' },
    });
  });

  test('an operational source does not mask a worse one', () => {
    const result = resolveEffectiveStatus(
      [api(null, 'operational'), api('cloud', 'operational'), api('cloud', 'partial_outage')],
      ['cloud'],
    );
    assert.deepEqual(result, { status: 'partial_outage', segments: { cloud: 'partial_outage' } });
  });

  test('several sources on the same segment combine by worst-of, whatever their order', () => {
    const sources = [
      api('cloud', 'degraded_performance'),
      api('cloud', 'major_outage'),
      api('cloud', 'under_maintenance'),
    ];
    const expected = { status: 'major_outage', segments: { cloud: 'major_outage' } };
    assert.deepEqual(resolveEffectiveStatus(sources, ['cloud']), expected);
    assert.deepEqual(resolveEffectiveStatus([...sources].reverse(), ['cloud']), expected);
  });

  test('several whole-component sources combine by worst-of (incident + maintenance)', () => {
    const result = resolveEffectiveStatus([api(null, 'under_maintenance'), api(null, 'partial_outage')], ['cloud']);
    assert.deepEqual(result, { status: 'partial_outage', segments: { cloud: 'partial_outage' } });
  });

  test('maintenance on the whole component yields to a degraded segment only in that segment', () => {
    const result = resolveEffectiveStatus(
      [api(null, 'under_maintenance'), api('private', 'degraded_performance')],
      ['cloud', 'private'],
    );
    assert.deepEqual(result, {
      status: 'degraded_performance',
      segments: { cloud: 'under_maintenance', private: 'degraded_performance' },
    });
  });

  test('the public status is the worst of all sources', () => {
    const result = resolveEffectiveStatus(
      [api('local', 'degraded_performance'), api('private', 'partial_outage')],
      ['cloud', 'private', 'local'],
    );
    assert.equal(result.status, 'partial_outage');
    assert.deepEqual(result.segments, {
      cloud: 'operational',
      private: 'partial_outage',
      local: 'degraded_performance',
    });
  });

  test('does not mutate its inputs', () => {
    const sources = [api('cloud', 'major_outage'), api(null, 'degraded_performance')];
    const segmentIds = ['cloud', 'private'];
    const before = JSON.stringify({ sources, segmentIds });
    resolveEffectiveStatus(sources, segmentIds);
    assert.equal(JSON.stringify({ sources, segmentIds }), before);
  });
});
