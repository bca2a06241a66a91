import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { buildMaintenanceCalendar } from './ical-calendar.js';
import type { Maintenance, MaintenanceOccurrence } from './model.js';
import { expandOccurrences } from './recurrence.js';

const base = {
  pageId: 'page',
  impact: 'maintenance' as const,
  autoStart: true,
  autoComplete: true,
  validationUrl: null,
  validationGraceMinutes: 15,
  validationMonitorIds: [],
  watchMinutes: 0,
  components: [],
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
};
const weekly: Maintenance = {
  ...base,
  id: 'weekly',
  name: 'Routine maintenance',
  message: 'Routine checks, every Saturday 5pm–10pm; no downtime expected.',
  kind: 'recurring',
  scheduledFor: null,
  scheduledUntil: null,
  recurrence: {
    rule: 'FREQ=WEEKLY;BYDAY=SA',
    timeZone: 'Europe/Paris',
    startsAtLocal: '2026-10-03T17:00',
    durationMinutes: 300,
    exceptions: [
      { kind: 'skip', localDate: '2026-10-24' },
      { kind: 'move', localDate: '2026-11-14', startsAtLocal: '2026-11-15T09:00', durationMinutes: 120 },
    ],
  },
};
const nyMonthly: Maintenance = {
  ...base,
  id: 'monthly',
  name: 'System updates',
  message: 'First Friday of each month.',
  kind: 'recurring',
  scheduledFor: null,
  scheduledUntil: null,
  recurrence: {
    rule: 'FREQ=MONTHLY;BYDAY=1FR',
    timeZone: 'America/New_York',
    startsAtLocal: '2026-01-02T22:00',
    durationMinutes: 120,
  },
};
const resync: Maintenance = {
  ...base,
  id: 'resync',
  name: 'Database Server Complete Resync',
  message: 'Only one server can be rebuilt at a time.',
  kind: 'one_off',
  scheduledFor: '2026-07-15T12:00:00.000Z',
  scheduledUntil: '2026-07-16T17:00:00.000Z',
  recurrence: null,
};
const occurrence = (
  id: string,
  maintenanceId: string,
  startsAt: string,
  endsAt: string,
  status: MaintenanceOccurrence['status'],
): MaintenanceOccurrence => ({
  id,
  maintenanceId,
  pageId: 'page',
  startsAt,
  endsAt,
  status,
  startedAt: null,
  finishedAt: null,
  verifyingSince: null,
  lastCheck: null,
  validationIncidentId: null,
  watchUntil: null,
  watchIncidentId: null,
  createdAt: base.createdAt,
  updatedAt: base.updatedAt,
});

const text = buildMaintenanceCalendar({
  name: 'Acme maintenance',
  uidDomain: 'status.acme.test',
  maintenances: [weekly, nyMonthly, resync],
  occurrences: [
    occurrence('o1', 'resync', resync.scheduledFor!, resync.scheduledUntil!, 'completed'),
    // One window of the weekly series cancelled by an operator.
    occurrence('o2', 'weekly', '2026-11-07T16:00:00.000Z', '2026-11-07T21:00:00.000Z', 'cancelled'),
  ],
  now: '2026-10-20T00:00:00.000Z',
});

function parse(): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(tz, String(zone.getFirstPropertyValue('tzid')));
  }
  return calendar;
}

function expand(calendar: ICAL.Component, uid: string, count: number): string[] {
  const event = new ICAL.Event(
    calendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === uid),
  );
  const iterator = event.iterator();
  const out: string[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next())
    out.push(next.toJSDate().toISOString());
  return out;
}

test('the calendar is valid RFC 5545 text: CRLF lines of at most 75 octets', () => {
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  for (const line of text.split('\r\n')) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  assert.match(
    text.replace(/\r\n /g, ''),
    /DESCRIPTION:Routine checks\\, every Saturday 5pm–10pm\\; no downtime expected\./,
  );
});

test('a calendar application expands the weekly Paris series to our instants, using only our VTIMEZONE', () => {
  const calendar = parse();
  const theirs = expand(calendar, 'weekly@status.acme.test', 10);
  const ours = expandOccurrences(weekly.recurrence!, '2026-10-01T00:00:00Z', '2027-06-01T00:00:00Z', 20)
    .filter((o) => !o.moved && o.start !== '2026-11-07T16:00:00.000Z')
    .map((o) => o.start)
    .slice(0, 10);
  assert.deepEqual(theirs, ours);
  assert.ok(
    theirs.includes('2026-10-17T15:00:00.000Z') && theirs.includes('2026-10-31T16:00:00.000Z'),
    'both sides of the DST change',
  );
  assert.ok(!theirs.includes('2026-10-24T15:00:00.000Z'), 'skipped window');
  assert.ok(!theirs.includes('2026-11-07T16:00:00.000Z'), 'cancelled window');
  const moved = new ICAL.Event(
    calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === 'weekly-2026-11-14@status.acme.test'),
  );
  assert.equal(moved.startDate.toJSDate().toISOString(), '2026-11-15T08:00:00.000Z');
  assert.equal(moved.endDate.toJSDate().toISOString(), '2026-11-15T10:00:00.000Z');
});

test('the New York monthly series crosses both US DST changes correctly', () => {
  const theirs = expand(parse(), 'monthly@status.acme.test', 12);
  const ours = expandOccurrences(nyMonthly.recurrence!, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 12).map(
    (o) => o.start,
  );
  assert.deepEqual(theirs, ours);
  assert.equal(theirs[0], '2026-01-03T03:00:00.000Z'); // 22:00 EST
  assert.equal(theirs[5], '2026-06-06T02:00:00.000Z'); // 22:00 EDT
});

test('one-off windows are UTC events', () => {
  const event = new ICAL.Event(
    parse()
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === 'o1@status.acme.test'),
  );
  assert.equal(event.startDate.toJSDate().toISOString(), '2026-07-15T12:00:00.000Z');
  assert.equal(event.endDate.toJSDate().toISOString(), '2026-07-16T17:00:00.000Z');
  assert.equal(event.summary, 'Database Server Complete Resync');
});
