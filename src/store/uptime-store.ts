import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../app/context.js';
import type { ComponentStatus } from '../core/component-status.js';

/** One component change recorded by an incident, with the incident's resolution time. */
export interface IncidentChangeRow {
  incidentId: string;
  incidentName: string;
  resolvedAt: string | null;
  componentId: string;
  segmentId: string | null;
  status: ComponentStatus;
  effectiveAt: string;
}

/**
 * Every component change of the page's live incidents that may still hold at or after `since`
 * (unresolved, or resolved since then), in one query for the whole page.
 */
export async function listIncidentChangesSince(db: Db, pageId: string, since: string): Promise<IncidentChangeRow[]> {
  const rows = await db
    .selectFrom('incident_update_components as c')
    .innerJoin('incidents as i', 'i.id', 'c.incident_id')
    .select([
      'c.incident_id',
      'i.name',
      'i.resolved_at',
      'c.component_id',
      'c.segment_id',
      'c.new_status',
      'c.effective_at',
    ])
    .where('i.page_id', '=', pageId)
    .where('i.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('i.resolved_at', 'is', null), eb('i.resolved_at', '>=', since)]))
    .orderBy('c.effective_at')
    .orderBy('c.update_id')
    .orderBy('c.position')
    .execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    incidentName: r.name,
    resolvedAt: r.resolved_at,
    componentId: r.component_id,
    segmentId: r.segment_id === '' ? null : r.segment_id,
    status: r.new_status as ComponentStatus,
    effectiveAt: r.effective_at,
  }));
}

/** A maintenance window that ran, with one component (or segment) it affected. */
export interface MaintenanceSpanRow {
  occurrenceId: string;
  componentId: string;
  segmentId: string | null;
  from: string;
  /** `null` while it still runs. */
  to: string | null;
}

/**
 * The page's maintenance windows that were in progress (or verifying) at or after `since`, one row
 * per affected component or segment, in one query. Windows of deleted series stay: they happened.
 */
export async function listMaintenanceSpansSince(db: Db, pageId: string, since: string): Promise<MaintenanceSpanRow[]> {
  const rows = await db
    .selectFrom('maintenance_occurrences as o')
    .innerJoin('maintenance_components as m', 'm.maintenance_id', 'o.maintenance_id')
    .select([
      'o.id',
      'o.status',
      'o.starts_at',
      'o.ends_at',
      'o.started_at',
      'o.finished_at',
      'm.component_id',
      'm.segment_id',
    ])
    .where('o.page_id', '=', pageId)
    .where('o.status', 'in', ['in_progress', 'verifying', 'completed'])
    .where((eb) => eb.or([eb('o.finished_at', 'is', null), eb('o.finished_at', '>=', since)]))
    .orderBy('o.starts_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => {
    // A window completed without ever starting (its span passed while nothing ran the clock)
    // counts as its planned span; otherwise it holds from its start to its finish.
    const skipped = r.started_at === null && r.status === 'completed';
    return {
      occurrenceId: r.id,
      componentId: r.component_id,
      segmentId: r.segment_id === '' ? null : r.segment_id,
      from: r.started_at ?? r.starts_at,
      to: skipped ? r.ends_at : r.finished_at,
    };
  });
}

/** The first change any live incident of the page recorded, per component: history reaches back that far. */
export async function listFirstChangeTimes(db: Db, pageId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('incident_update_components as c')
    .innerJoin('incidents as i', 'i.id', 'c.incident_id')
    .select(['c.component_id'])
    .select((eb) => eb.fn.min('c.effective_at').as('first_at'))
    .where('i.page_id', '=', pageId)
    .where('i.deleted_at', 'is', null)
    .groupBy('c.component_id')
    .execute();
  return new Map(rows.map((r) => [r.component_id, String(r.first_at)]));
}

/** Checks run and failed by a component's monitors (one segment's, or whole-component ones) on one day. */
export interface DailyCheckRow {
  componentId: string;
  segmentId: string | null;
  /** Index into the window's days (0 = oldest). */
  day: number;
  count: number;
  failures: number;
}

/**
 * The page's monitors' hourly roll-ups summed per component, segment and local day, in one query.
 * `edges` are the window's day edges (`uptimeDayEdges`); an hour belongs to the day it starts in.
 */
export async function listDailyCheckTotals(db: Db, pageId: string, edges: readonly string[]): Promise<DailyCheckRow[]> {
  if (edges.length < 2) return [];
  const day = dayIndex(edges, 0, edges.length - 1);
  const rows = await db
    .selectFrom('check_rollups as r')
    .innerJoin('monitors as m', 'm.id', 'r.monitor_id')
    .select(['m.component_id', 'm.segment_id', day.as('day')])
    .select((eb) => [
      eb.fn.sum<number | string>('r.count').as('count'),
      eb.fn.sum<number | string>('r.failures').as('failures'),
    ])
    .where('m.page_id', '=', pageId)
    .where('r.resolution', '=', 'hour')
    .where('r.bucket_start', '>=', edges[0]!)
    .where('r.bucket_start', '<', edges.at(-1)!)
    // One day needs no day column, and a bare constant in GROUP BY would be read as a column number.
    .groupBy(edges.length > 2 ? ['m.component_id', 'm.segment_id', day] : ['m.component_id', 'm.segment_id'])
    .execute();
  return rows.map((r) => ({
    componentId: r.component_id,
    segmentId: r.segment_id === '' ? null : r.segment_id,
    day: Number(r.day),
    count: Number(r.count),
    failures: Number(r.failures),
  }));
}

/**
 * The index of the day an hour starts in, as a binary search over the edges (7 comparisons for 90
 * days instead of up to 90). Literals, not parameters, so the same expression can be selected and
 * grouped by on PostgreSQL; the edges are ISO instants this process computed, never user input.
 */
function dayIndex(edges: readonly string[], lo: number, hi: number): RawBuilder<number> {
  if (hi - lo <= 1) return sql<number>`${sql.lit(lo)}`;
  const mid = (lo + hi) >> 1;
  return sql<number>`(case when r.bucket_start < ${sql.lit(edges[mid]!)} then ${dayIndex(edges, lo, mid)} else ${dayIndex(edges, mid, hi)} end)`;
}
