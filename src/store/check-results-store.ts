import type { Db } from '../app/context.js';

/** One stored check result. */
export interface StoredCheckResult {
  id: string;
  monitorId: string;
  location: string;
  at: string;
  ok: boolean;
  ms: number;
  reason: string;
}

const CHUNK = 200;

/**
 * Insert results, skipping ids already stored (a probe resending a batch). Returns the ids that were
 * new, so the caller evaluates each result exactly once.
 */
export async function insertCheckResults(db: Db, results: readonly StoredCheckResult[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < results.length; i += CHUNK) {
    const rows = await db
      .insertInto('check_results')
      .values(
        results.slice(i, i + CHUNK).map((r) => ({
          id: r.id,
          monitor_id: r.monitorId,
          location: r.location,
          at: r.at,
          ok: r.ok ? 1 : 0,
          ms: r.ms,
          reason: r.reason,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const row of rows) inserted.add(row.id);
  }
  return inserted;
}

/** A monitor's results in a time range, oldest first. */
export async function listCheckResults(
  db: Db,
  filter: { monitorId: string; from: string; to: string; limit: number },
): Promise<StoredCheckResult[]> {
  const rows = await db
    .selectFrom('check_results')
    .selectAll()
    .where('monitor_id', '=', filter.monitorId)
    .where('at', '>=', filter.from)
    .where('at', '<=', filter.to)
    .orderBy('at', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.reverse().map((r) => ({
    id: r.id,
    monitorId: r.monitor_id,
    location: r.location,
    at: r.at,
    ok: r.ok === 1,
    ms: r.ms,
    reason: r.reason,
  }));
}

/** Delete results older than `before`; returns how many went. */
export async function deleteCheckResultsBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('check_results').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Results with `from <= at < to` (all monitors), as compact tuples for roll-ups. */
export async function listResultsBetween(
  db: Db,
  from: string,
  to: string,
): Promise<{ monitorId: string; at: string; ok: boolean; ms: number }[]> {
  const rows = await db
    .selectFrom('check_results')
    .select(['monitor_id', 'at', 'ok', 'ms'])
    .where('at', '>=', from)
    .where('at', '<', to)
    .execute();
  return rows.map((r) => ({ monitorId: r.monitor_id, at: r.at, ok: r.ok === 1, ms: r.ms }));
}
