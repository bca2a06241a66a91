import { Temporal } from 'temporal-polyfill';
import type { Maintenance, MaintenanceOccurrence } from './model.js';
import { toICalRule } from './recurrence.js';

// An RFC 5545 calendar of a page's maintenance: recurring series as one VEVENT with an RRULE in its
// own time zone (so calendar apps show "every Saturday 17:00" correctly across DST), one-off windows
// as UTC events. Time zones are written out as VTIMEZONE blocks built from the zone's real
// transitions, so no client needs to know the zone itself. Pure: no I/O.

/** What the calendar is built from. */
export interface CalendarInput {
  name: string;
  /** Stable across builds, e.g. the page's host, to make UIDs globally unique. */
  uidDomain: string;
  maintenances: Maintenance[];
  /** Occurrences of those maintenances (one-off windows, and any cancelled recurring window). */
  occurrences: MaintenanceOccurrence[];
  /** Transitions are written for this span of years around each series. */
  now: string;
}

/** Build the calendar text (CRLF lines, folded at 75 octets). */
export function buildMaintenanceCalendar(input: CalendarInput): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pharos//Maintenance calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
  ];
  const zones = [...new Set(input.maintenances.flatMap((m) => (m.recurrence ? [m.recurrence.timeZone] : [])))].sort();
  for (const zone of zones) lines.push(...vtimezone(zone, input.now));

  for (const m of input.maintenances) {
    const own = input.occurrences.filter((o) => o.maintenanceId === m.id);
    if (m.recurrence) lines.push(...recurringEvents(m, own, input.uidDomain));
    else for (const o of own) lines.push(...oneOffEvent(m, o, input.uidDomain));
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function recurringEvents(m: Maintenance, occurrences: MaintenanceOccurrence[], domain: string): string[] {
  const spec = m.recurrence!;
  const rule = toICalRule(spec);
  const tz = spec.timeZone;
  const endLocal = Temporal.PlainDateTime.from(spec.startsAtLocal).add({ minutes: spec.durationMinutes });
  const uid = `${m.id}@${domain}`;
  // Windows an operator cancelled one by one are excluded from the series too.
  const cancelled = occurrences.filter((o) => o.status === 'cancelled').map((o) => localCompact(o.startsAt, tz));
  const exdates = [...new Set([...rule.exdates, ...cancelled])].sort();
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${utcCompact(m.updatedAt)}`,
    `DTSTART;TZID=${tz}:${rule.dtstartLocal}`,
    `DTEND;TZID=${tz}:${compactLocal(endLocal)}`,
    `RRULE:${rule.rrule}`,
    ...exdates.map((d) => `EXDATE;TZID=${tz}:${d}`),
    `SUMMARY:${escapeText(m.name)}`,
    `DESCRIPTION:${escapeText(m.message)}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
  // A moved window: the series skips its original date (EXDATE above) and this event stands alone.
  for (const e of spec.exceptions ?? []) {
    if (e.kind !== 'move') continue;
    const start = Temporal.PlainDateTime.from(e.startsAtLocal);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}-${e.localDate}@${domain}`,
      `DTSTAMP:${utcCompact(m.updatedAt)}`,
      `DTSTART;TZID=${tz}:${compactLocal(start)}`,
      `DTEND;TZID=${tz}:${compactLocal(start.add({ minutes: e.durationMinutes ?? spec.durationMinutes }))}`,
      `SUMMARY:${escapeText(m.name)}`,
      `DESCRIPTION:${escapeText(m.message)}`,
      'END:VEVENT',
    );
  }
  return lines;
}

function oneOffEvent(m: Maintenance, o: MaintenanceOccurrence, domain: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${o.id}@${domain}`,
    `DTSTAMP:${utcCompact(o.updatedAt)}`,
    `DTSTART:${utcCompact(o.startsAt)}`,
    `DTEND:${utcCompact(o.endsAt)}`,
    `SUMMARY:${escapeText(m.name)}`,
    `DESCRIPTION:${escapeText(m.message)}`,
    `STATUS:${o.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

/** A VTIMEZONE with one observance per real transition from two years back to ten years ahead. */
function vtimezone(zone: string, nowIso: string): string[] {
  const year = Number(nowIso.slice(0, 4));
  const from = Temporal.ZonedDateTime.from({ year: year - 2, month: 1, day: 1, timeZone: zone });
  const until = Temporal.ZonedDateTime.from({ year: year + 10, month: 12, day: 31, timeZone: zone }).epochMilliseconds;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // The offset in force at the start, as an observance of its own.
  lines.push(...observance(from.offset, from.offset, from.toPlainDateTime(), zone, from.epochMilliseconds));
  let previous = from;
  for (
    let next = from.getTimeZoneTransition('next');
    next && next.epochMilliseconds <= until;
    next = next.getTimeZoneTransition('next')
  ) {
    // DTSTART of an observance is the local time, in the old offset, at which the change happens.
    const localBefore = next.toInstant().toZonedDateTimeISO(previous.offset).toPlainDateTime();
    lines.push(...observance(previous.offset, next.offset, localBefore, zone, next.epochMilliseconds));
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function observance(
  fromOffset: string,
  toOffset: string,
  localStart: Temporal.PlainDateTime,
  zone: string,
  at: number,
): string[] {
  const kind = offsetMinutes(toOffset) > offsetMinutes(fromOffset) ? 'DAYLIGHT' : 'STANDARD';
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${compactLocal(localStart)}`,
    `TZOFFSETFROM:${icalOffset(fromOffset)}`,
    `TZOFFSETTO:${icalOffset(toOffset)}`,
    ...(name ? [`TZNAME:${escapeText(name)}`] : []),
    `END:${kind}`,
  ];
}

function offsetMinutes(offset: string): number {
  const [, sign, h, m] = /^([+-])(\d{2}):(\d{2})/.exec(offset) ?? ['', '+', '0', '0'];
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m));
}

function icalOffset(offset: string): string {
  return offset.slice(0, 6).replace(':', '');
}

function compactLocal(p: Temporal.PlainDateTime): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

function localCompact(iso: string, zone: string): string {
  return compactLocal(Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDateTime());
}

function utcCompact(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** RFC 5545 TEXT escaping. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold a content line at 75 octets without splitting a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
