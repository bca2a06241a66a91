import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentStatus } from './component-status.js';
import { PAGE_DESCRIPTIONS, rollUpPageStatus, type PageStatus } from './page-status.js';

const none: PageStatus = { indicator: 'none', description: 'All Systems Operational' };
const maintenance: PageStatus = { indicator: 'maintenance', description: 'Service Under Maintenance' };

describe('PAGE_DESCRIPTIONS', () => {
  test("are Statuspage's strings", () => {
    assert.deepEqual(PAGE_DESCRIPTIONS, {
      allOperational: 'All Systems Operational',
      majorOutage: 'Major System Outage',
      partialOutage: 'Partial System Outage',
      minorOutage: 'Minor Service Outage',
      degradedAll: 'Degraded System Service',
      degradedSome: 'Partially Degraded Service',
      maintenance: 'Service Under Maintenance',
    });
  });
});

describe('rollUpPageStatus: no components', () => {
  test('→ none / All Systems Operational', () => {
    assert.deepEqual(rollUpPageStatus([]), none);
  });
});

describe('rollUpPageStatus: exactly one component (single-component rule)', () => {
  const cases: Array<[ComponentStatus, PageStatus]> = [
    ['operational', none],
    ['under_maintenance', maintenance],
    ['degraded_performance', { indicator: 'minor', description: 'Partially Degraded Service' }],
    ['partial_outage', { indicator: 'major', description: 'Partial System Outage' }],
    ['major_outage', { indicator: 'critical', description: 'Major System Outage' }],
  ];
  for (const [status, expected] of cases) {
    test(`${status} → ${expected.indicator} / ${expected.description}`, () => {
      assert.deepEqual(rollUpPageStatus([status]), expected);
    });
  }
});

describe('rollUpPageStatus: two or more components (blend)', () => {
  const cases: Array<[string, ComponentStatus[], PageStatus]> = [
    ['all major', ['major_outage', 'major_outage'], { indicator: 'critical', description: 'Major System Outage' }],
    [
      'all major (three)',
      ['major_outage', 'major_outage', 'major_outage'],
      { indicator: 'critical', description: 'Major System Outage' },
    ],
    [
      'some major, rest operational',
      ['major_outage', 'operational', 'operational'],
      { indicator: 'major', description: 'Partial System Outage' },
    ],
    [
      'canonical: [partial_outage, major_outage]',
      ['partial_outage', 'major_outage'],
      { indicator: 'major', description: 'Partial System Outage' },
    ],
    [
      'some major alongside every other status',
      ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'],
      { indicator: 'major', description: 'Partial System Outage' },
    ],
    ['all partial', ['partial_outage', 'partial_outage'], { indicator: 'major', description: 'Partial System Outage' }],
    [
      'some partial, rest operational',
      ['partial_outage', 'operational'],
      { indicator: 'minor', description: 'Minor Service Outage' },
    ],
    [
      'some partial, rest degraded',
      ['degraded_performance', 'partial_outage', 'degraded_performance'],
      { indicator: 'minor', description: 'Minor Service Outage' },
    ],
    [
      'all degraded',
      ['degraded_performance', 'degraded_performance'],
      { indicator: 'minor', description: 'Degraded System Service' },
    ],
    [
      'all degraded (three)',
      ['degraded_performance', 'degraded_performance', 'degraded_performance'],
      { indicator: 'minor', description: 'Degraded System Service' },
    ],
    [
      'some degraded, rest operational',
      ['operational', 'degraded_performance', 'operational'],
      { indicator: 'minor', description: 'Partially Degraded Service' },
    ],
    [
      'some degraded, rest under maintenance',
      ['degraded_performance', 'under_maintenance'],
      { indicator: 'minor', description: 'Partially Degraded Service' },
    ],
    ['all under maintenance', ['under_maintenance', 'under_maintenance'], maintenance],
    ['maintenance and nothing worse', ['operational', 'under_maintenance', 'operational'], maintenance],
    ['all operational', ['operational', 'operational', 'operational'], none],
  ];
  for (const [name, statuses, expected] of cases) {
    test(`${name} → ${expected.indicator} / ${expected.description}`, () => {
      assert.deepEqual(rollUpPageStatus(statuses), expected);
    });
  }

  test('the order of components does not matter', () => {
    const statuses: ComponentStatus[] = ['operational', 'partial_outage', 'degraded_performance', 'under_maintenance'];
    const expected = rollUpPageStatus(statuses);
    assert.deepEqual(expected, { indicator: 'minor', description: 'Minor Service Outage' });
    assert.deepEqual(rollUpPageStatus([...statuses].reverse()), expected);
    assert.deepEqual(rollUpPageStatus([statuses[2]!, statuses[0]!, statuses[3]!, statuses[1]!]), expected);
  });
});
