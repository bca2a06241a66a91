import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { DomainError } from './errors.js';
import {
  expandOccurrences,
  nextOccurrence,
  toICalRule,
  validateRecurrence,
  type RecurrenceSpec,
} from './recurrence.js';

const starts = (spec: RecurrenceSpec, from: string, to: string) =>
  expandOccurrences(spec, from, to).map((o) => o.start);
const windows = (spec: RecurrenceSpec, from: string, to: string) =>
  expandOccurrences(spec, from, to).map((o) => [o.start, o.end]);

const saturdays: RecurrenceSpec = {
  rule: 'FREQ=WEEKLY;BYDAY=SA',
  timeZone: 'Europe/Paris',
  startsAtLocal: '2026-10-03T17:00',
  durationMinutes: 300,
};

describe('wall-clock time is kept across daylight-saving changes', () => {
  test('Europe/Paris, Saturdays 17:00–22:00 across the end of summer time (2026-10-25)', () => {
    assert.deepEqual(windows(saturdays, '2026-10-15T00:00:00Z', '2026-11-10T00:00:00Z'), [
      ['2026-10-17T15:00:00.000Z', '2026-10-17T20:00:00.000Z'],
      ['2026-10-24T15:00:00.000Z', '2026-10-24T20:00:00.000Z'],
      ['2026-10-31T16:00:00.000Z', '2026-10-31T21:00:00.000Z'],
      ['2026-11-07T16:00:00.000Z', '2026-11-07T21:00:00.000Z'],
    ]);
  });

  test('Europe/Paris, first Friday of each month at 10:00 across the start of summer time (2026-03-29)', () => {
    const spec: RecurrenceSpec = {
      rule: 'FREQ=MONTHLY;BYDAY=1FR',
      timeZone: 'Europe/Paris',
      startsAtLocal: '2026-01-02T10:00',
      durationMinutes: 60,
    };
    const found = expandOccurrences(spec, '2026-02-01T00:00:00Z', '2026-06-01T00:00:00Z');
    assert.deepEqual(
      found.map((o) => o.localDate),
      ['2026-02-06', '2026-03-06', '2026-04-03', '2026-05-01'],
    );
    assert.deepEqual(
      found.map((o) => o.start),
      ['2026-02-06T09:00:00.000Z', '2026-03-06T09:00:00.000Z', '2026-04-03T08:00:00.000Z', '2026-05-01T08:00:00.000Z'],
    );
  });

  test('America/New_York, Tuesdays 22:00 across 2026-03-08 and 2026-11-01', () => {
    const spec: RecurrenceSpec = {
      rule: 'FREQ=WEEKLY;BYDAY=TU',
      timeZone: 'America/New_York',
      startsAtLocal: '2026-01-06T22:00',
      durationMinutes: 120,
    };
    assert.deepEqual(starts(spec, '2026-03-01T00:00:00Z', '2026-03-12T00:00:00Z'), [
      '2026-03-04T03:00:00.000Z',
      '2026-03-11T02:00:00.000Z',
    ]);
    assert.deepEqual(starts(spec, '2026-10-25T00:00:00Z', '2026-11-05T00:00:00Z'), [
      '2026-10-28T02:00:00.000Z',
      '2026-11-04T03:00:00.000Z',
    ]);
  });

  test('Australia/Sydney (southern hemisphere): a window spanning the change follows the clocks', () => {
    // Summer time ends 2026-04-05 at 03:00 AEDT (clocks go back to 02:00 AEST). A 01:30–03:30 local
    // window therefore lasts 3 h of real time: 14:30Z to 17:30Z.
    const spec: RecurrenceSpec = {
      rule: 'FREQ=WEEKLY;BYDAY=SU',
      timeZone: 'Australia/Sydney',
      startsAtLocal: '2026-03-01T01:30',
      durationMinutes: 120,
    };
    const [crossing] = expandOccurrences(spec, '2026-04-04T00:00:00Z', '2026-04-05T00:00:00Z');
    assert.deepEqual([crossing!.start, crossing!.end], ['2026-04-04T14:30:00.000Z', '2026-04-04T17:30:00.000Z']);
    // Summer time starts 2026-10-04 at 02:00 AEST (clocks jump to 03:00): 02:30 does not exist that day.
    const daily: RecurrenceSpec = {
      rule: 'FREQ=DAILY',
      timeZone: 'Australia/Sydney',
      startsAtLocal: '2026-10-01T02:30',
      durationMinutes: 30,
    };
    const days = expandOccurrences(daily, '2026-10-02T00:00:00Z', '2026-10-06T00:00:00Z').map((o) => o.localDate);
    assert.ok(!days.includes('2026-10-04'), `2026-10-04 02:30 does not exist in Sydney; got ${days.join(', ')}`);
    assert.ok(days.includes('2026-10-05'));
  });

  test('Europe/Paris daily 02:30: the day the clocks jump (2026-03-29) has no window', () => {
    const daily: RecurrenceSpec = {
      rule: 'FREQ=DAILY',
      timeZone: 'Europe/Paris',
      startsAtLocal: '2026-03-27T02:30',
      durationMinutes: 30,
    };
    assert.deepEqual(
      expandOccurrences(daily, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z').map((o) => o.localDate),
      ['2026-03-27', '2026-03-28', '2026-03-30'],
    );
  });
});

describe('month ends and leap years', () => {
  test('BYMONTHDAY=31 only in months that have a 31st', () => {
    const spec: RecurrenceSpec = {
      rule: 'FREQ=MONTHLY;BYMONTHDAY=31',
      timeZone: 'UTC',
      startsAtLocal: '2026-01-31T23:00',
      durationMinutes: 60,
    };
    assert.deepEqual(
      expandOccurrences(spec, '2026-01-01T00:00:00Z', '2026-08-01T00:00:00Z').map((o) => o.localDate),
      ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'],
    );
  });
  test('BYMONTHDAY=-1 is the last day of every month, 29 February in a leap year', () => {
    const spec: RecurrenceSpec = {
      rule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      timeZone: 'Europe/Paris',
      startsAtLocal: '2027-01-31T20:00',
      durationMinutes: 60,
    };
    const dates = expandOccurrences(spec, '2027-01-01T00:00:00Z', '2028-04-01T00:00:00Z', 100).map((o) => o.localDate);
    assert.ok(dates.includes('2027-02-28'));
    assert.ok(dates.includes('2028-02-29'));
    assert.equal(dates.length, 15);
  });
});

describe('exceptions', () => {
  test('skip one Saturday; move another to Sunday 09:00 for two hours', () => {
    const spec: RecurrenceSpec = {
      ...saturdays,
      exceptions: [
        { kind: 'skip', localDate: '2026-10-24' },
        { kind: 'move', localDate: '2026-10-31', startsAtLocal: '2026-11-01T09:00', durationMinutes: 120 },
      ],
    };
    const found = expandOccurrences(spec, '2026-10-15T00:00:00Z', '2026-11-10T00:00:00Z');
    assert.deepEqual(
      found.map((o) => [o.localDate, o.start, o.end, o.moved]),
      [
        ['2026-10-17', '2026-10-17T15:00:00.000Z', '2026-10-17T20:00:00.000Z', false],
        ['2026-10-31', '2026-11-01T08:00:00.000Z', '2026-11-01T10:00:00.000Z', true],
        ['2026-11-07', '2026-11-07T16:00:00.000Z', '2026-11-07T21:00:00.000Z', false],
      ],
    );
  });
});

describe('windows, limits and the next window', () => {
  test('a window in progress at `from` is included; the limit is respected', () => {
    assert.equal(starts(saturdays, '2026-10-17T19:00:00Z', '2026-10-18T00:00:00Z')[0], '2026-10-17T15:00:00.000Z');
    assert.equal(expandOccurrences(saturdays, '2026-10-01T00:00:00Z', '2027-10-01T00:00:00Z', 3).length, 3);
  });
  test('nextOccurrence returns the window in progress, then the next one', () => {
    assert.equal(nextOccurrence(saturdays, '2026-10-17T16:00:00Z')?.start, '2026-10-17T15:00:00.000Z');
    assert.equal(nextOccurrence(saturdays, '2026-10-17T20:00:00Z')?.start, '2026-10-24T15:00:00.000Z');
  });
});

describe('validateRecurrence', () => {
  const bad = (spec: Partial<RecurrenceSpec>, code: string, field: string) => {
    assert.throws(
      () => validateRecurrence({ ...saturdays, ...spec }),
      (e: unknown) => e instanceof DomainError && e.code === code && (e.details as { field: string }).field === field,
    );
  };
  test('accepts the seed rules', () => {
    validateRecurrence(saturdays);
    validateRecurrence({ ...saturdays, rule: 'FREQ=MONTHLY;BYDAY=1FR' });
    validateRecurrence({ ...saturdays, rule: 'FREQ=WEEKLY;BYDAY=SA;UNTIL=20271231T230000Z' });
  });
  test('refuses what cannot be a maintenance schedule, naming the field', () => {
    bad({ rule: 'FREQ=MINUTELY' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ rule: 'FREQ=HOURLY' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ rule: 'BYDAY=SA' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ rule: 'FREQ=WEEKLY;BYDAY=XX' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ rule: 'DTSTART:20260101T000000Z\nFREQ=DAILY' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ rule: 'FREQ=DAILY;UNTIL=20271231T230000' }, 'INVALID_RECURRENCE', 'recurrence.rule');
    bad({ timeZone: 'Mars/Olympus' }, 'INVALID_TIME_ZONE', 'recurrence.time_zone');
    bad({ startsAtLocal: '2026-02-30T17:00' }, 'INVALID_RECURRENCE', 'recurrence.starts_at_local');
    bad({ durationMinutes: 0 }, 'INVALID_RECURRENCE', 'recurrence.duration_minutes');
    bad({ durationMinutes: 43201 }, 'INVALID_RECURRENCE', 'recurrence.duration_minutes');
    bad({ exceptions: [{ kind: 'skip', localDate: '2026-13-01' }] }, 'INVALID_RECURRENCE', 'recurrence.exceptions[0]');
  });
});

// Europe/Paris as a calendar application receives it: EU rules since 1996.
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

test('a calendar application (ical.js) expands our exported rule to the same instants', () => {
  const spec: RecurrenceSpec = { ...saturdays, exceptions: [{ kind: 'skip', localDate: '2026-10-24' }] };
  const ical = toICalRule(spec);
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pharos//test//EN',
    ...PARIS_VTIMEZONE,
    'BEGIN:VEVENT',
    'UID:routine@pharos.test',
    'DTSTAMP:20261001T000000Z',
    `DTSTART;TZID=${ical.tzid}:${ical.dtstartLocal}`,
    `RRULE:${ical.rrule}`,
    ...ical.exdates.map((d) => `EXDATE;TZID=${ical.tzid}:${d}`),
    'SUMMARY:Routine maintenance',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
  ICAL.TimezoneService.register(zone, 'Europe/Paris');
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const iterator = event.iterator();
  const theirs: string[] = [];
  for (let next = iterator.next(); next && theirs.length < 12; next = iterator.next())
    theirs.push(next.toJSDate().toISOString());
  const ours = expandOccurrences(spec, '2026-10-01T00:00:00Z', '2027-06-01T00:00:00Z', 12).map((o) => o.start);
  assert.deepEqual(theirs, ours);
  assert.ok(!ours.includes('2026-10-24T15:00:00.000Z'));
});
