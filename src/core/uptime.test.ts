import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeUptime, type UptimeInput } from './uptime.js';

function input(overrides: Partial<UptimeInput>): UptimeInput {
  return {
    days: 3,
    timeZone: 'UTC',
    now: new Date('2026-03-10T12:00:00Z'),
    start: '2026-01-01T00:00:00Z',
    intervals: [],
    maintenance: [],
    ...overrides,
  };
}

describe('computeUptime', () => {
  test('all operational: every day at 1, the window at 100 %', () => {
    const result = computeUptime(input({}));
    assert.deepEqual(
      result.days.map((d) => [d.date, d.status, d.uptime]),
      [
        ['2026-03-08', 'operational', 1],
        ['2026-03-09', 'operational', 1],
        ['2026-03-10', 'operational', 1],
      ],
    );
    assert.equal(result.uptime, 1);
    assert.equal(result.percent, 100);
  });

  test('major counts whole, partial 0.3, degraded not at all', () => {
    const result = computeUptime(
      input({
        intervals: [
          { status: 'major_outage', from: '2026-03-09T01:00:00Z', to: '2026-03-09T02:00:00Z', incidentId: 'a' },
          { status: 'partial_outage', from: '2026-03-09T03:00:00Z', to: '2026-03-09T05:00:00Z', incidentId: 'b' },
          { status: 'degraded_performance', from: '2026-03-09T06:00:00Z', to: '2026-03-09T10:00:00Z' },
        ],
      }),
    );
    const day = result.days[1]!;
    assert.equal(day.status, 'major_outage');
    assert.equal(day.majorMinutes, 60);
    assert.equal(day.partialMinutes, 120);
    assert.equal(day.degradedMinutes, 240);
    assert.deepEqual(day.incidentIds, ['a', 'b']);
    assert.equal(day.uptime, 1 - (60 + 0.3 * 120) / 1440);
    // Observed: two full days and 12 hours of today.
    const observed = 1440 * 2 + 720;
    assert.equal(result.uptime, 1 - 96 / observed);
    assert.equal(result.percent, Math.floor((1 - 96 / observed) * 10_000) / 100);
  });

  test('overlapping intervals take the worst status at each instant', () => {
    const result = computeUptime(
      input({
        intervals: [
          { status: 'partial_outage', from: '2026-03-09T00:00:00Z', to: '2026-03-09T03:00:00Z', incidentId: 'a' },
          { status: 'major_outage', from: '2026-03-09T01:00:00Z', to: '2026-03-09T02:00:00Z', incidentId: 'b' },
        ],
      }),
    );
    const day = result.days[1]!;
    assert.equal(day.majorMinutes, 60);
    assert.equal(day.partialMinutes, 120);
  });

  test('maintenance is excluded from both sides, even when an outage overlaps it', () => {
    const result = computeUptime(
      input({
        intervals: [{ status: 'major_outage', from: '2026-03-09T00:00:00Z', to: '2026-03-09T02:00:00Z' }],
        maintenance: [{ from: '2026-03-09T01:00:00Z', to: '2026-03-09T04:00:00Z' }],
      }),
    );
    const day = result.days[1]!;
    assert.equal(day.status, 'major_outage');
    assert.equal(day.majorMinutes, 60);
    assert.equal(day.maintenanceMinutes, 180);
    assert.equal(day.uptime, 1 - 60 / (1440 - 180));
  });

  test('a day with only maintenance shows under_maintenance; one fully in maintenance has no uptime', () => {
    const result = computeUptime(
      input({
        maintenance: [
          { from: '2026-03-08T00:00:00Z', to: '2026-03-09T00:00:00Z' },
          { from: '2026-03-09T10:00:00Z', to: '2026-03-09T11:00:00Z' },
        ],
      }),
    );
    assert.equal(result.days[0]!.status, 'under_maintenance');
    assert.equal(result.days[0]!.uptime, null);
    assert.equal(result.days[1]!.status, 'under_maintenance');
    assert.equal(result.days[1]!.uptime, 1);
  });

  test('an open interval runs until now, not past it', () => {
    const result = computeUptime(
      input({ intervals: [{ status: 'major_outage', from: '2026-03-10T11:00:00Z', to: null, incidentId: 'x' }] }),
    );
    const today = result.days[2]!;
    assert.equal(today.majorMinutes, 60);
    assert.equal(today.uptime, 1 - 60 / 720);
    assert.deepEqual(today.incidentIds, ['x']);
  });

  test('days before the start have no data; the start day counts from the start', () => {
    const result = computeUptime(input({ start: '2026-03-09T12:00:00Z' }));
    assert.equal(result.days[0]!.status, null);
    assert.equal(result.days[0]!.uptime, null);
    assert.equal(result.days[1]!.status, 'operational');
    const outage = computeUptime(
      input({
        start: '2026-03-09T12:00:00Z',
        intervals: [{ status: 'major_outage', from: '2026-03-09T00:00:00Z', to: '2026-03-09T18:00:00Z' }],
      }),
    );
    // Only the six hours after the start count.
    assert.equal(outage.days[1]!.majorMinutes, 360);
    assert.equal(outage.days[1]!.uptime, 0.5);
  });

  test('a start date is a local midnight in the page zone', () => {
    const result = computeUptime(input({ timeZone: 'Europe/Paris', start: '2026-03-09' }));
    assert.equal(result.days[0]!.status, null);
    assert.equal(result.days[1]!.status, 'operational');
    assert.equal(result.days[1]!.uptime, 1);
  });

  test('no data at all gives a null uptime', () => {
    const result = computeUptime(input({ start: '2026-04-01T00:00:00Z' }));
    assert.equal(result.uptime, null);
    assert.equal(result.percent, null);
    assert.ok(result.days.every((d) => d.status === null));
  });

  test('days follow the page zone, and a DST day is 23 hours long', () => {
    // Paris springs forward on 2026-03-29: that local day lasts 23 hours.
    const result = computeUptime(
      input({
        days: 2,
        timeZone: 'Europe/Paris',
        now: new Date('2026-03-30T21:59:59.999Z'), // 23:59:59.999 local, the end of the 30th
        intervals: [{ status: 'major_outage', from: '2026-03-28T23:00:00Z', to: '2026-03-29T22:00:00Z' }],
      }),
    );
    assert.deepEqual(
      result.days.map((d) => d.date),
      ['2026-03-29', '2026-03-30'],
    );
    // The whole local day of the 29th (23:00Z on the 28th to 22:00Z on the 29th) is down: 23 hours.
    assert.equal(result.days[0]!.majorMinutes, 23 * 60);
    assert.equal(result.days[0]!.uptime, 0);
    assert.equal(result.days[1]!.status, 'operational');
  });

  test('a 25-hour day when clocks fall back', () => {
    // New York falls back on 2026-11-01.
    const result = computeUptime(
      input({
        days: 1,
        timeZone: 'America/New_York',
        now: new Date('2026-11-02T04:59:00Z'),
        intervals: [{ status: 'partial_outage', from: '2026-11-01T04:00:00Z', to: '2026-11-02T05:00:00Z' }],
      }),
    );
    assert.equal(result.days[0]!.date, '2026-11-01');
    assert.equal(result.days[0]!.partialMinutes, 25 * 60 - 1);
  });

  test('an interval spanning midnight splits across the two days it touches', () => {
    const result = computeUptime(
      input({
        intervals: [
          { status: 'major_outage', from: '2026-03-08T23:00:00Z', to: '2026-03-09T01:00:00Z', incidentId: 'm' },
        ],
      }),
    );
    assert.equal(result.days[0]!.majorMinutes, 60);
    assert.equal(result.days[1]!.majorMinutes, 60);
    assert.deepEqual(result.days[0]!.incidentIds, ['m']);
    assert.deepEqual(result.days[1]!.incidentIds, ['m']);
    assert.deepEqual(result.days[2]!.incidentIds, []);
  });

  test('a 90-day window has 90 entries, today last', () => {
    const result = computeUptime(input({ days: 90 }));
    assert.equal(result.days.length, 90);
    assert.equal(result.days.at(-1)!.date, '2026-03-10');
    assert.equal(result.days[0]!.date, '2025-12-11');
  });

  test('the percentage rounds down to two decimals without floating-point slips', () => {
    // 1,152 of 1,440 minutes down: uptime 0.2, which floating point computes as 0.19999999999999996.
    const result = computeUptime(
      input({
        days: 2,
        now: new Date('2026-03-11T00:00:00Z'),
        intervals: [{ status: 'major_outage', from: '2026-03-10T00:00:00Z', to: '2026-03-10T19:12:00Z' }],
      }),
    );
    assert.equal(result.percent, 20);
    const tiny = computeUptime(
      input({ intervals: [{ status: 'major_outage', from: '2026-03-09T00:00:00Z', to: '2026-03-09T00:00:01Z' }] }),
    );
    assert.equal(tiny.percent, 99.99);
  });
});
