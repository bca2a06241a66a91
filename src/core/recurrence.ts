import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { invalid } from './errors.js';

// Recurring maintenance: an RFC 5545 RRULE evaluated in an IANA time zone from a local start time.
// rrule-temporal works on Temporal.ZonedDateTime (imported from temporal-polyfill, no global
// needed), so results never depend on the process time zone, and nonexistent local times (the
// spring-forward gap) are skipped as RFC 5545 requires. Pure computation: no I/O.

/** A recurring window: the rule, where it runs, when the first window starts, and how long each lasts. */
export interface RecurrenceSpec {
  /** RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=SA`. */
  rule: string;
  timeZone: string;
  /** Local wall-clock start of the first window, `YYYY-MM-DDTHH:mm`. */
  startsAtLocal: string;
  durationMinutes: number;
  exceptions?: RecurrenceException[];
}

/** Skip one window, or move it to another local time (and length), named by its local date. */
export type RecurrenceException =
  | { kind: 'skip'; localDate: string }
  | { kind: 'move'; localDate: string; startsAtLocal: string; durationMinutes?: number };

/** One concrete window. */
export interface Occurrence {
  start: string;
  end: string;
  /** The local date of the rule's occurrence (before any move). */
  localDate: string;
  moved: boolean;
}

const MAX_DURATION_MINUTES = 30 * 24 * 60;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALLOWED_FREQ = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

/** Refuse a recurrence that cannot be evaluated, saying what to fix. */
export function validateRecurrence(spec: RecurrenceSpec): void {
  try {
    Temporal.PlainDate.from('2000-01-01').toZonedDateTime(spec.timeZone);
  } catch {
    throw invalid(
      'INVALID_TIME_ZONE',
      `"${spec.timeZone}" is not an IANA time zone; use a name such as Europe/Paris.`,
      {
        field: 'recurrence.time_zone',
      },
    );
  }
  const parts = new Map(
    spec.rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string | undefined])
      .map(([k, v]) => [k.trim().toUpperCase(), (v ?? '').trim().toUpperCase()]),
  );
  const fail = (message: string, field = 'recurrence.rule') => invalid('INVALID_RECURRENCE', message, { field });
  if (/DTSTART/i.test(spec.rule))
    throw fail('Leave DTSTART out of the rule; give starts_at_local and time_zone instead.');
  const freq = parts.get('FREQ');
  if (!freq) throw fail('The rule needs a FREQ, e.g. FREQ=WEEKLY;BYDAY=SA.');
  if (!ALLOWED_FREQ.includes(freq)) {
    throw fail(`FREQ=${freq} is not allowed for maintenance windows; use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  }
  const until = parts.get('UNTIL');
  if (until !== undefined && !/^\d{8}T\d{6}Z$/.test(until))
    throw fail('UNTIL must be a UTC date-time such as 20271231T230000Z.');
  if (!LOCAL_DATE_TIME.test(spec.startsAtLocal) || !isPlainDateTime(spec.startsAtLocal)) {
    throw fail(
      `starts_at_local must be a local date and time like 2026-01-03T17:00; got "${spec.startsAtLocal}".`,
      'recurrence.starts_at_local',
    );
  }
  if (
    !Number.isInteger(spec.durationMinutes) ||
    spec.durationMinutes < 1 ||
    spec.durationMinutes > MAX_DURATION_MINUTES
  ) {
    throw fail('duration_minutes must be a whole number from 1 to 43200 (30 days).', 'recurrence.duration_minutes');
  }
  for (const [index, e] of (spec.exceptions ?? []).entries()) {
    const field = `recurrence.exceptions[${index}]`;
    if (!LOCAL_DATE.test(e.localDate) || !isPlainDate(e.localDate))
      throw fail(`local_date must be YYYY-MM-DD; got "${e.localDate}".`, field);
    if (e.kind === 'move') {
      if (!LOCAL_DATE_TIME.test(e.startsAtLocal) || !isPlainDateTime(e.startsAtLocal)) {
        throw fail(`starts_at_local must be like 2026-01-03T17:00; got "${e.startsAtLocal}".`, field);
      }
      const d = e.durationMinutes;
      if (d !== undefined && (!Number.isInteger(d) || d < 1 || d > MAX_DURATION_MINUTES)) {
        throw fail('duration_minutes must be a whole number from 1 to 43200.', field);
      }
    }
  }
  try {
    buildRule(spec).all((_, i) => i < 1);
  } catch (error) {
    throw fail(`The rule cannot be read: ${error instanceof Error ? error.message : 'unknown error'}.`);
  }
}

/** Windows that overlap [from, to), sorted by start, at most `limit`. */
export function expandOccurrences(spec: RecurrenceSpec, fromIso: string, toIso: string, limit = 500): Occurrence[] {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const exceptions = new Map((spec.exceptions ?? []).map((e) => [e.localDate, e]));
  const longest = Math.max(
    spec.durationMinutes,
    ...(spec.exceptions ?? []).map((e) => (e.kind === 'move' ? (e.durationMinutes ?? spec.durationMinutes) : 0)),
  );
  // A window that started before `from` may still be running; moved windows may come from further away.
  const lookBehind = longest * 60_000 + 2 * 86_400_000;
  const starts = buildRule(spec).between(new Date(from - lookBehind), new Date(to + 2 * 86_400_000), true);

  const result: Occurrence[] = [];
  for (const start of starts) {
    const localDate = start.toPlainDate().toString();
    const exception = exceptions.get(localDate);
    if (exception?.kind === 'skip') continue;
    const occurrence =
      exception?.kind === 'move'
        ? window(
            Temporal.PlainDateTime.from(exception.startsAtLocal),
            spec.timeZone,
            exception.durationMinutes ?? spec.durationMinutes,
            localDate,
            true,
          )
        : window(start.toPlainDateTime(), spec.timeZone, spec.durationMinutes, localDate, false);
    if (Date.parse(occurrence.start) < to && Date.parse(occurrence.end) > from) result.push(occurrence);
  }
  return result.sort((a, b) => a.start.localeCompare(b.start)).slice(0, limit);
}

/** The first window still running or yet to come after `afterIso`, within a year and a bit. */
export function nextOccurrence(spec: RecurrenceSpec, afterIso: string): Occurrence | null {
  const horizon = new Date(Date.parse(afterIso) + 400 * 86_400_000).toISOString();
  return expandOccurrences(spec, afterIso, horizon, 1)[0] ?? null;
}

/** The parts of a VEVENT that carry the series, for calendar export. */
export function toICalRule(spec: RecurrenceSpec): {
  dtstartLocal: string;
  tzid: string;
  rrule: string;
  exdates: string[];
} {
  const time = spec.startsAtLocal.slice(11);
  const compact = (localDateTime: string) => `${localDateTime.replace(/[-:]/g, '')}00`;
  return {
    dtstartLocal: compact(spec.startsAtLocal),
    tzid: spec.timeZone,
    rrule: spec.rule.replace(/^RRULE:/i, ''),
    // Moved windows are excluded from the series too; the export lists them as their own events.
    exdates: (spec.exceptions ?? []).map((e) => compact(`${e.localDate}T${time}`)),
  };
}

/**
 * A window from a local start: it ends at the local wall-clock time `durationMinutes` later, so
 * "Saturday 17:00 for 300 minutes" is 17:00–22:00 local on both sides of a DST change. A window
 * that spans the change itself is then an hour shorter or longer in real time, as the clocks are.
 */
function window(
  startLocal: Temporal.PlainDateTime,
  timeZone: string,
  minutes: number,
  localDate: string,
  moved: boolean,
): Occurrence {
  const start = startLocal.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  const end = startLocal.add({ minutes }).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return { start: iso(start), end: iso(end), localDate, moved };
}

function iso(z: Temporal.ZonedDateTime): string {
  return new Date(z.epochMilliseconds).toISOString();
}

function buildRule(spec: RecurrenceSpec): RRuleTemporal {
  const dtstart = Temporal.PlainDateTime.from(spec.startsAtLocal).toZonedDateTime(spec.timeZone, {
    disambiguation: 'compatible',
  });
  return new RRuleTemporal({ rruleString: spec.rule.replace(/^RRULE:/i, ''), dtstart });
}

function isPlainDateTime(value: string): boolean {
  try {
    Temporal.PlainDateTime.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

function isPlainDate(value: string): boolean {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}
