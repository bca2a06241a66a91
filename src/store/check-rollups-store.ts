import type { Db } from '../app/context.js';
import type { LatencyHistogram } from '../core/latency-histogram.js';

/** The roll-up resolutions, finest first. */
export type Resolution = 'minute' | 'hour' | 'day';

/** One roll-up bucket. */
export interface CheckRollup {
  monitorId: string;
  resolution: Resolution;
  bucketStart: string;
  count: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  histogram: LatencyHistogram;
}

/** Insert or replace roll-up buckets (recomputing a bucket is harmless). */
export async function upsertRollups(db: Db, rollups: readonly CheckRollup[]): Promise<void> {
  for (let i = 0; i < rollups.length; i += 200) {
    await db
      .insertInto('check_rollups')
      .values(
        rollups.slice(i, i + 200).map((r) => ({
          monitor_id: r.monitorId,
          resolution: r.resolution,
          bucket_start: r.bucketStart,
          count: r.count,
          failures: r.failures,
          p50_ms: r.p50Ms,
          p95_ms: r.p95Ms,
          p99_ms: r.p99Ms,
          histogram_json: JSON.stringify(r.histogram),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['monitor_id', 'resolution', 'bucket_start']).doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          failures: eb.ref('excluded.failures'),
          p50_ms: eb.ref('excluded.p50_ms'),
          p95_ms: eb.ref('excluded.p95_ms'),
          p99_ms: eb.ref('excluded.p99_ms'),
          histogram_json: eb.ref('excluded.histogram_json'),
        })),
      )
      .execute();
  }
}

/** Roll-ups of one resolution in [from, to), of one monitor or all, oldest first. */
export async function listRollups(
  db: Db,
  filter: {
    resolution: Resolution;
    from: string;
    to: string;
    monitorId?: string;
    monitorIds?: string[];
    limit?: number;
  },
): Promise<CheckRollup[]> {
  let q = db
    .selectFrom('check_rollups')
    .selectAll()
    .where('resolution', '=', filter.resolution)
    .where('bucket_start', '>=', filter.from)
    .where('bucket_start', '<', filter.to);
  if (filter.monitorId) q = q.where('monitor_id', '=', filter.monitorId);
  if (filter.monitorIds) {
    if (filter.monitorIds.length === 0) return [];
    q = q.where('monitor_id', 'in', filter.monitorIds);
  }
  const rows = await q
    .orderBy('bucket_start')
    .orderBy('monitor_id')
    .limit(filter.limit ?? 1_000_000)
    .execute();
  return rows.map((r) => ({
    monitorId: r.monitor_id,
    resolution: r.resolution,
    bucketStart: r.bucket_start,
    count: r.count,
    failures: r.failures,
    p50Ms: r.p50_ms,
    p95Ms: r.p95_ms,
    p99Ms: r.p99_ms,
    histogram: JSON.parse(r.histogram_json) as LatencyHistogram,
  }));
}

/** Delete roll-ups of one resolution that start before `before`. */
export async function deleteRollupsBefore(db: Db, resolution: Resolution, before: string): Promise<number> {
  const result = await db
    .deleteFrom('check_rollups')
    .where('resolution', '=', resolution)
    .where('bucket_start', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
