import type { Transaction } from 'kysely';
import type { Actor } from '../core/model.js';
import { insertAudit } from '../store/audit-store.js';
import type { Schema } from '../store/schema.js';
import type { AppContext } from './context.js';

/** The work a use case does inside its transaction, and the pages whose public view it changed. */
export interface TransactionResult<T> {
  value: T;
  changedPageIds: string[];
}

/**
 * Run a use case's writes in one transaction; after the commit, tell the snapshot layer which pages
 * changed. Nothing leaves the process inside the transaction.
 */
export async function runWrite<T>(
  app: AppContext,
  work: (trx: Transaction<Schema>) => Promise<TransactionResult<T>>,
): Promise<T> {
  const result = await app.db.transaction().execute(work);
  for (const pageId of new Set(result.changedPageIds)) app.onPageChanged(pageId);
  return result.value;
}

/** Append an audit row for a change by `actor`. */
export async function audit(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  entry: {
    action: string;
    targetType: string;
    targetId: string;
    pageId: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await insertAudit(trx, {
    at: app.now().toISOString(),
    actor: { type: actor.type, id: actor.id, name: actor.name },
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    pageId: entry.pageId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
