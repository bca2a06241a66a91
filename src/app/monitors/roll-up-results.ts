import { exactPercentile, histogramOf, histogramPercentile, mergeHistograms } from '../../core/latency-histogram.js';
import { deleteCheckResultsBefore, listResultsBetween } from '../../store/check-results-store.js';
import {
  deleteRollupsBefore,
  listRollups,
  upsertRollups,
  type CheckRollup,
  type Resolution,
} from '../../store/check-rollups-store.js';
import { listMonitorIds } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';

/** How long each kind of history is kept, in days. */
export interface HistoryRetention {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  dayDays: number;
}

/** What one roll-up run wrote and deleted. */
export interface RollupRun {
  minutes: number;
  hours: number;
  days: number;
  pruned: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far hours and days have been rolled up by this process (epoch ms); starts at zero. */
export interface RollupCursor {
  hoursThrough: number;
  daysThrough: number;
}

/** A cursor for a process that has rolled nothing up yet. */
export function newRollupCursor(): RollupCursor {
  return { hoursThrough: 0, daysThrough: 0 };
}

/**
 * Roll raw results up into per-minute buckets (exact percentiles of successful checks' latency),
 * completed hours from their minutes and completed days from their hours (percentiles from summed
 * histograms), then delete what is past its retention. Each run recomputes the last
 * `lookbackMinutes` minutes, so results that arrive a little late (a probe's batch) still count; an
 * hour is rolled once its last minute is past that window, and a day once its last hour is. Work is
 * done in small queries (a minute, 500 monitors) so the event loop keeps serving checks. Everything
 * is an idempotent upsert: two nodes, or a restart (which re-rolls the last hours), write the same rows.
 */
export async function rollUpResults(
  app: AppContext,
  retention: HistoryRetention,
  cursor: RollupCursor = newRollupCursor(),
  lookbackMinutes = 5,
): Promise<RollupRun> {
  const now = app.now().getTime();
  const minuteEnd = floor(now, MINUTE);
  let minutes = 0;
  for (let start = minuteEnd - lookbackMinutes * MINUTE; start < minuteEnd; start += MINUTE) {
    minutes += await rollMinutes(app, start, start + MINUTE);
  }
  const hoursEnd = floor(minuteEnd - lookbackMinutes * MINUTE, HOUR);
  let hours = 0;
  for (let start = Math.max(cursor.hoursThrough, hoursEnd - 2 * HOUR); start < hoursEnd; start += HOUR) {
    hours += await rollUp(app, 'minute', 'hour', start, HOUR);
  }
  cursor.hoursThrough = Math.max(cursor.hoursThrough, hoursEnd);
  const daysEnd = floor(hoursEnd, DAY);
  let days = 0;
  if (cursor.daysThrough < daysEnd) days = await rollUp(app, 'hour', 'day', daysEnd - DAY, DAY);
  cursor.daysThrough = Math.max(cursor.daysThrough, daysEnd);
  const cutoff = (d: number) => new Date(now - d * DAY).toISOString();
  let pruned = await deleteCheckResultsBefore(app.db, cutoff(retention.rawDays));
  pruned += await deleteRollupsBefore(app.db, 'minute', cutoff(retention.minuteDays));
  pruned += await deleteRollupsBefore(app.db, 'hour', cutoff(retention.hourDays));
  pruned += await deleteRollupsBefore(app.db, 'day', cutoff(retention.dayDays));
  return { minutes, hours, days, pruned };
}

async function rollMinutes(app: AppContext, from: number, to: number): Promise<number> {
  const results = await listResultsBetween(app.db, iso(from), iso(to));
  const groups = new Map<string, { monitorId: string; start: number; ms: number[]; count: number; failures: number }>();
  for (const r of results) {
    const start = floor(Date.parse(r.at), MINUTE);
    const key = `${r.monitorId}|${start}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { monitorId: r.monitorId, start, ms: [], count: 0, failures: 0 }));
    g.count++;
    // Latency describes answers: a timeout's "latency" is the timeout, not the service.
    if (r.ok) g.ms.push(r.ms);
    else g.failures++;
  }
  const rollups: CheckRollup[] = [...groups.values()].map((g) => {
    const sorted = g.ms.sort((a, b) => a - b);
    return {
      monitorId: g.monitorId,
      resolution: 'minute',
      bucketStart: iso(g.start),
      count: g.count,
      failures: g.failures,
      p50Ms: exactPercentile(sorted, 50),
      p95Ms: exactPercentile(sorted, 95),
      p99Ms: exactPercentile(sorted, 99),
      histogram: histogramOf(sorted),
    };
  });
  await app.db.transaction().execute((trx) => upsertRollups(trx, rollups));
  return rollups.length;
}

/** Roll the `fine` buckets inside [start, start + size) into one `coarse` bucket per monitor. */
async function rollUp(
  app: AppContext,
  fine: Resolution,
  coarse: Resolution,
  start: number,
  size: number,
): Promise<number> {
  const ids = (await listMonitorIds(app.db)).sort();
  let written = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const parts = await listRollups(app.db, {
      resolution: fine,
      from: iso(start),
      to: iso(start + size),
      monitorIds: ids.slice(i, i + 500),
    });
    const groups = new Map<string, CheckRollup[]>();
    for (const p of parts) groups.set(p.monitorId, [...(groups.get(p.monitorId) ?? []), p]);
    const rollups: CheckRollup[] = [...groups.values()].map((group) => {
      const histogram = mergeHistograms(group.map((g) => g.histogram));
      return {
        monitorId: group[0]!.monitorId,
        resolution: coarse,
        bucketStart: iso(start),
        count: group.reduce((s, g) => s + g.count, 0),
        failures: group.reduce((s, g) => s + g.failures, 0),
        p50Ms: histogramPercentile(histogram, 50),
        p95Ms: histogramPercentile(histogram, 95),
        p99Ms: histogramPercentile(histogram, 99),
        histogram,
      };
    });
    await app.db.transaction().execute((trx) => upsertRollups(trx, rollups));
    written += rollups.length;
  }
  return written;
}

function floor(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
