import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentStatus } from './component-status.js';
import { computeIncidentImpact } from './incident-impact.js';
import { INCIDENT_IMPACTS } from './incident-lifecycle.js';

describe('computeIncidentImpact', () => {
  const cases: Array<[ComponentStatus, string]> = [
    ['major_outage', 'critical'],
    ['partial_outage', 'major'],
    ['degraded_performance', 'minor'],
    ['under_maintenance', 'none'],
    ['operational', 'none'],
  ];
  for (const [status, impact] of cases) {
    test(`${status} → ${impact}`, () => {
      assert.equal(computeIncidentImpact([status]), impact);
    });
  }

  test('no components → none', () => {
    assert.equal(computeIncidentImpact([]), 'none');
  });

  test('the worst component decides', () => {
    assert.equal(computeIncidentImpact(['operational', 'degraded_performance', 'major_outage']), 'critical');
    assert.equal(computeIncidentImpact(['degraded_performance', 'partial_outage', 'operational']), 'major');
    assert.equal(computeIncidentImpact(['under_maintenance', 'degraded_performance']), 'minor');
    assert.equal(computeIncidentImpact(['under_maintenance', 'operational']), 'none');
  });

  test('an explicit null override means no override', () => {
    assert.equal(computeIncidentImpact(['partial_outage'], null), 'major');
  });

  test('an override wins over the computed impact, up or down', () => {
    assert.equal(computeIncidentImpact(['major_outage'], 'minor'), 'minor');
    assert.equal(computeIncidentImpact(['operational'], 'critical'), 'critical');
    assert.equal(computeIncidentImpact([], 'major'), 'major');
  });

  test("an override of 'none' wins too", () => {
    assert.equal(computeIncidentImpact(['major_outage'], 'none'), 'none');
  });

  test('every impact is accepted as an override', () => {
    for (const impact of INCIDENT_IMPACTS) {
      assert.equal(computeIncidentImpact(['degraded_performance'], impact), impact);
    }
  });
});
