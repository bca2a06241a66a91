import type { Component, Page, Segment } from '../../core/model.js';
import { toStatusIntervals, type TrackInterval } from '../../core/status-intervals.js';
import { computeUptime, uptimeDayEdges, type MaintenanceInterval, type UptimeSeries } from '../../core/uptime.js';
import { listComponents } from '../../store/components-store.js';
import { listSegments } from '../../store/segments-store.js';
import {
  listDailyCheckTotals,
  listFirstChangeTimes,
  listIncidentChangesSince,
  listMaintenanceSpansSince,
  type DailyCheckRow,
  type IncidentChangeRow,
  type MaintenanceSpanRow,
} from '../../store/uptime-store.js';
import type { Db } from '../context.js';

/**
 * Days whose check totals can no longer change, kept per page: a day is settled once its last
 * hour's roll-up has surely been written. With it, a rebuild reads only the days not yet settled
 * (today) instead of 90 days of hourly roll-ups.
 */
export type CheckTotalsCache = Map<string, Map<string, DailyCheckRow[]>>;

/** A day's last hour is rolled up a few minutes after it ends; wait this long before trusting it. */
const SETTLE_MS = 20 * 60_000;

/** What a component's monitors measured on one day (from hourly roll-ups); null where none ran. */
export type DayChecks = { count: number; failures: number } | null;

/** Uptime of one component, and of each of the page's segments for it. */
export interface ComponentUptime {
  componentId: string;
  uptime: UptimeSeries;
  /** Per day of `uptime.days`: checks by all the component's monitors. */
  checks: DayChecks[];
  /** One entry per live segment of the page, in display order. */
  segments: Array<{ segmentId: string; uptime: UptimeSeries; checks: DayChecks[] }>;
}

/** Uptime bars of a page's live components, in display order. */
export interface PageUptime {
  days: number;
  components: ComponentUptime[];
  /** Names of the incidents the days refer to. */
  incidentNames: Record<string, string>;
}

/**
 * Compute the page's uptime bars from the changes its incidents recorded (backfilled ones
 * included) and the maintenance windows that ran, and add what the monitors measured each day
 * (hourly roll-ups), with a fixed number of queries (six) for the whole page. See docs/uptime.md.
 */
export async function loadUptime(
  db: Db,
  page: Page,
  now: Date,
  days = 90,
  cache?: CheckTotalsCache,
): Promise<PageUptime> {
  const edges = uptimeDayEdges(days, page.timeZone, now);
  const since = edges[0]!;
  const [components, segments, changes, spans, firstChange, checkRows] = await Promise.all([
    listComponents(db, page.id),
    listSegments(db, page.id),
    listIncidentChangesSince(db, page.id, since),
    listMaintenanceSpansSince(db, page.id, since),
    listFirstChangeTimes(db, page.id),
    loadDailyChecks(db, page.id, edges, now, cache),
  ]);
  const intervals = byComponent(incidentIntervals(changes));
  const windows = byComponent(spans);
  const checks = byComponent(checkRows);
  const dailyChecks = (rows: readonly DailyCheckRow[]) => sumByDay(rows, days);

  return {
    days,
    incidentNames: Object.fromEntries(changes.map((c) => [c.incidentId, c.incidentName])),
    components: components.map((component) => {
      const own = intervals.get(component.id) ?? [];
      const ownWindows = windows.get(component.id) ?? [];
      const base = {
        days,
        timeZone: page.timeZone,
        now,
        start: historyStart(component, firstChange.get(component.id)),
      };
      const ownChecks = checks.get(component.id) ?? [];
      return {
        componentId: component.id,
        // The component is as bad as its worst segment, like its public status.
        uptime: computeUptime({ ...base, intervals: own, maintenance: ownWindows.map(toWindow) }),
        checks: dailyChecks(ownChecks),
        segments: segments.map((segment: Segment) => ({
          segmentId: segment.id,
          uptime: computeUptime({
            ...base,
            intervals: own.filter((i) => appliesTo(i.segmentId, segment.id)),
            maintenance: ownWindows.filter((w) => appliesTo(w.segmentId, segment.id)).map(toWindow),
          }),
          checks: dailyChecks(ownChecks.filter((c) => appliesTo(c.segmentId, segment.id))),
        })),
      };
    }),
  };
}

/** A whole-component record applies to every segment. */
function appliesTo(recordSegmentId: string | null, segmentId: string): boolean {
  return recordSegmentId === null || recordSegmentId === segmentId;
}

function toWindow(span: MaintenanceSpanRow): MaintenanceInterval {
  return { from: span.from, to: span.to };
}

/** An explicit start date wins; otherwise creation, or the first recorded change if earlier (backfill). */
function historyStart(component: Component, firstChangeAt: string | undefined): string {
  if (component.startDate) return component.startDate;
  if (firstChangeAt && Date.parse(firstChangeAt) < Date.parse(component.createdAt)) return firstChangeAt;
  return component.createdAt;
}

function incidentIntervals(changes: readonly IncidentChangeRow[]): TrackInterval[] {
  const byIncident = new Map<string, IncidentChangeRow[]>();
  for (const c of changes) {
    const list = byIncident.get(c.incidentId);
    if (list) list.push(c);
    else byIncident.set(c.incidentId, [c]);
  }
  return [...byIncident].flatMap(([incidentId, rows]) =>
    toStatusIntervals(
      rows.map((r) => ({ componentId: r.componentId, segmentId: r.segmentId, status: r.status, at: r.effectiveAt })),
      rows[0]!.resolvedAt,
      incidentId,
    ),
  );
}

function byComponent<T extends { componentId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.componentId);
    if (list) list.push(item);
    else map.set(item.componentId, [item]);
  }
  return map;
}

function sumByDay(rows: readonly DailyCheckRow[], days: number): DayChecks[] {
  const result: DayChecks[] = Array.from({ length: days }, () => null);
  for (const row of rows) {
    if (row.day < 0 || row.day >= days) continue;
    const day = (result[row.day] ??= { count: 0, failures: 0 });
    day.count += row.count;
    day.failures += row.failures;
  }
  return result;
}

/** Check totals per day of the window; settled days from `cache` when given (filling it as it goes). */
async function loadDailyChecks(
  db: Db,
  pageId: string,
  edges: readonly string[],
  now: Date,
  cache: CheckTotalsCache | undefined,
): Promise<DailyCheckRow[]> {
  if (!cache) return listDailyCheckTotals(db, pageId, edges);
  const days = edges.length - 1;
  const dayOf = (i: number) => edges[i]!;
  let settled = 0;
  while (settled < days && Date.parse(edges[settled + 1]!) <= now.getTime() - SETTLE_MS) settled++;
  const known = cache.get(pageId) ?? new Map<string, DailyCheckRow[]>();
  let first = 0;
  while (first < settled && known.has(dayOf(first))) first++;
  if (first < settled) {
    const rows = await listDailyCheckTotals(db, pageId, edges.slice(first, settled + 1));
    for (let i = first; i < settled; i++) known.set(dayOf(i), []);
    for (const row of rows) known.get(dayOf(first + row.day))!.push({ ...row, day: first + row.day });
  }
  // Keep only the window's days, so the cache does not grow day after day.
  const inWindow = new Set(edges.slice(0, settled).map((_, i) => dayOf(i)));
  for (const key of known.keys()) if (!inWindow.has(key)) known.delete(key);
  cache.set(pageId, known);
  const recent = settled < days ? await listDailyCheckTotals(db, pageId, edges.slice(settled)) : [];
  const result: DailyCheckRow[] = [];
  for (let i = 0; i < settled; i++) {
    for (const row of known.get(dayOf(i)) ?? []) result.push({ ...row, day: i });
  }
  for (const row of recent) result.push({ ...row, day: settled + row.day });
  return result;
}
