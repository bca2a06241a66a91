import type { Db } from '../app/context.js';
import type { AuditEntry } from '../core/model.js';

/** What an audit row records. */
export interface AuditInput {
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  targetType: string;
  targetId: string;
  pageId: string | null;
  before: unknown;
  after: unknown;
}

/** Append one audit row (always inside the transaction of the change it records). */
export async function insertAudit(db: Db, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      page_id: entry.pageId,
      before_json: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Filters for reading the audit log. */
export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  action?: string;
  /** Return rows with an id below this one (paging back). */
  beforeId?: number;
  limit: number;
}

/** Audit rows, newest first. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    pageId: r.page_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
