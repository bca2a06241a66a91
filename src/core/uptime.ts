import { Temporal } from 'temporal-polyfill';
import { severityOf, type ComponentStatus } from './component-status.js';

// Uptime over a window of local calendar days, with Statuspage's weighting: a minute of major
// outage is a minute down, a minute of partial outage is 0.3 of one, degraded performance is up,
// and maintenance time leaves both sides of the fraction. The formula is documented in
// docs/uptime.md. Pure: time and zone come in as arguments.

/** Share of a partial-outage minute that counts as down (Statuspage's and Instatus's rule). */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/** A span during which an incident held a component (or segment) in a status. */
export interface StatusInterval {
  status: ComponentStatus;
  /** ISO 8601 instant. */
  from: string;
  /** ISO 8601 instant; `null` while it still holds. */
  to: string | null;
  /** The incident that recorded it, listed on the days it touches. */
  incidentId?: string;
}

/** A span of maintenance (a window that was in progress or verifying). */
export interface MaintenanceInterval {
  from: string;
  to: string | null;
}

/** What uptime is computed from, for one component or one (component, segment). */
export interface UptimeInput {
  /** Number of local days in the window, today included. */
  days: number;
  /** IANA zone whose calendar days the bars follow. */
  timeZone: string;
  now: Date;
  /** When history begins: an ISO instant, or a `YYYY-MM-DD` local date (a component's start date). */
  start: string;
  intervals: readonly StatusInterval[];
  maintenance: readonly MaintenanceInterval[];
}

/** One day's bar. */
export interface UptimeDay {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Worst counted status that day; `under_maintenance` only when nothing worse; `null` without data. */
  status: ComponentStatus | null;
  majorMinutes: number;
  partialMinutes: number;
  degradedMinutes: number;
  maintenanceMinutes: number;
  /** Incidents holding a non-operational status at some point of the day. */
  incidentIds: string[];
  /** 0–1, or `null` when nothing was observed outside maintenance. */
  uptime: number | null;
}

/** Uptime over the window. */
export interface UptimeSeries {
  /** Oldest day first, `days` entries, today last. */
  days: UptimeDay[];
  /** 0–1 over the whole window, or `null` without data. */
  uptime: number | null;
  /** The same as a percentage rounded down to two decimals, so any downtime shows below 100. */
  percent: number | null;
}

const MINUTE = 60_000;

interface Tally {
  observed: number;
  major: number;
  partial: number;
  degraded: number;
  maintenance: number;
  worst: ComponentStatus | null;
  incidents: Set<string>;
}

/** Compute the daily bars and the window's uptime. */
export function computeUptime(input: UptimeInput): UptimeSeries {
  const nowMs = input.now.getTime();
  const startMs = startInstant(input.start, input.timeZone);
  const spans: Spans = {
    intervals: input.intervals.map((i) => ({ ...i, f: Date.parse(i.from), t: endOf(i.to) })).filter((i) => i.f < i.t),
    windows: input.maintenance.map((m) => ({ f: Date.parse(m.from), t: endOf(m.to) })).filter((m) => m.f < m.t),
  };
  const days: UptimeDay[] = [];
  let down = 0;
  let counted = 0;
  for (const { date, from, to } of dayBounds(input.days, input.timeZone, nowMs)) {
    const a = Math.max(from, startMs);
    const b = Math.min(to, nowMs);
    const tally = a < b ? sweep(a, b, spans) : null;
    if (tally) {
      down += downtimeOf(tally);
      counted += tally.observed - tally.maintenance;
    }
    days.push(toDay(date, tally));
  }
  const uptime = counted > 0 ? 1 - down / counted : null;
  return { days, uptime, percent: uptime === null ? null : toPercent(uptime) };
}

interface Span {
  /** Start and end in epoch milliseconds; `t` is Infinity while open. */
  f: number;
  t: number;
}

interface Spans {
  intervals: Array<StatusInterval & Span>;
  windows: Span[];
}

/** Round down to two decimals; the small nudge keeps 0.2 (computed as 0.19999999999999996) at 20. */
function toPercent(fraction: number): number {
  return Math.floor(fraction * 10_000 + 1e-7) / 100;
}

function downtimeOf(t: Tally): number {
  return t.major + PARTIAL_OUTAGE_WEIGHT * t.partial;
}

function toDay(date: string, tally: Tally | null): UptimeDay {
  if (!tally) {
    return {
      date,
      status: null,
      majorMinutes: 0,
      partialMinutes: 0,
      degradedMinutes: 0,
      maintenanceMinutes: 0,
      incidentIds: [],
      uptime: null,
    };
  }
  const counted = tally.observed - tally.maintenance;
  return {
    date,
    status: tally.worst,
    majorMinutes: Math.round(tally.major / MINUTE),
    partialMinutes: Math.round(tally.partial / MINUTE),
    degradedMinutes: Math.round(tally.degraded / MINUTE),
    maintenanceMinutes: Math.round(tally.maintenance / MINUTE),
    incidentIds: [...tally.incidents].sort(),
    uptime: counted > 0 ? 1 - downtimeOf(tally) / counted : null,
  };
}

type DayBounds = Array<{ date: string; from: number; to: number }>;

// Zone arithmetic is the costly part, and every component of a page shares the same calendar:
// remember the last one computed.
let lastBounds: { key: string; bounds: DayBounds } | null = null;

/** Local days of the window as [start, end) instants; a DST day is 23 or 25 hours long. */
function dayBounds(count: number, timeZone: string, nowMs: number): DayBounds {
  const key = `${count}|${timeZone}|${nowMs}`;
  if (lastBounds?.key === key) return lastBounds.bounds;
  const bounds = computeDayBounds(count, timeZone, nowMs);
  lastBounds = { key, bounds };
  return bounds;
}

function computeDayBounds(count: number, timeZone: string, nowMs: number): DayBounds {
  const today = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(timeZone).toPlainDate();
  const result = [];
  for (let i = count - 1; i >= 0; i--) {
    const date = today.subtract({ days: i });
    result.push({
      date: date.toString(),
      from: date.toZonedDateTime({ timeZone }).epochMilliseconds,
      to: date.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
    });
  }
  return result;
}

function startInstant(start: string, timeZone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(start)) {
    return Temporal.PlainDate.from(start).toZonedDateTime({ timeZone }).epochMilliseconds;
  }
  return Date.parse(start);
}

function endOf(to: string | null): number {
  return to === null ? Infinity : Date.parse(to);
}

/**
 * Sweep [a, b): split at every interval edge, and give each piece the worst status any incident
 * holds then. A piece inside maintenance (a window, or an incident saying `under_maintenance`)
 * counts only as maintenance, whatever else holds: planned work is excluded whole.
 */
function sweep(a: number, b: number, spans: Spans): Tally {
  const intervals = spans.intervals.filter((i) => i.f < b && i.t > a);
  const windows = spans.windows.filter((m) => m.f < b && m.t > a);
  const edges = new Set<number>([a, b]);
  for (const x of [...intervals, ...windows]) {
    if (x.f > a && x.f < b) edges.add(x.f);
    if (x.t > a && x.t < b) edges.add(x.t);
  }
  const points = [...edges].sort((x, y) => x - y);
  const tally: Tally = {
    observed: b - a,
    major: 0,
    partial: 0,
    degraded: 0,
    maintenance: 0,
    worst: 'operational',
    incidents: new Set(),
  };
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const length = points[k + 1]! - from;
    const active = intervals.filter((i) => i.f <= from && i.t > from && i.status !== 'operational');
    for (const i of active) if (i.incidentId) tally.incidents.add(i.incidentId);
    let status: ComponentStatus = 'operational';
    for (const i of active) if (severityOf(i.status) > severityOf(status)) status = i.status;
    if (status === 'under_maintenance' || windows.some((m) => m.f <= from && m.t > from)) {
      tally.maintenance += length;
      status = 'under_maintenance';
    } else if (status === 'major_outage') tally.major += length;
    else if (status === 'partial_outage') tally.partial += length;
    else if (status === 'degraded_performance') tally.degraded += length;
    if (severityOf(status) > severityOf(tally.worst!)) tally.worst = status;
  }
  return tally;
}

/**
 * Where the window's local days begin and end, as ISO instants: each day's start, oldest first,
 * then the end of today (`days + 1` edges; a DST day is 23 or 25 hours long).
 */
export function uptimeDayEdges(days: number, timeZone: string, now: Date): string[] {
  const bounds = dayBounds(days, timeZone, now.getTime());
  return [...bounds.map((b) => new Date(b.from).toISOString()), new Date(bounds.at(-1)!.to).toISOString()];
}

/** The first instant of the window: local midnight of its oldest day, as an ISO instant. */
export function uptimeWindowStart(days: number, timeZone: string, now: Date): string {
  return new Date(dayBounds(days, timeZone, now.getTime())[0]!.from).toISOString();
}
