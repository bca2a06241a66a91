import type { Transaction } from 'kysely';
import type { Actor } from '../core/model.js';
import { insertAudit } from '../store/audit-store.js';
import { isBusyError } from '../store/database.js';
import { bumpPageVersion } from '../store/pages-store.js';
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
  const attempt = () =>
    app.db.transaction().execute(async (trx) => {
      const done = await work(trx);
      // Other nodes and worker processes poll these counters to learn that their snapshot is stale.
      const at = app.now().toISOString();
      for (const pageId of new Set(done.changedPageIds)) await bumpPageVersion(trx, pageId, at);
      return done;
    });
  const result = await retryWhileBusy(attempt);
  await Promise.all([...new Set(result.changedPageIds)].map((pageId) => waitForPage(app, pageId)));
  return result.value;
}

/** How long a write keeps retrying against a lock held by another process before giving up. */
const BUSY_BUDGET_MS = 5_000;

/**
 * Run a transaction, retrying while SQLite reports another connection holds the lock. The waits
 * are asynchronous, so the public page keeps answering meanwhile; after the budget the error goes
 * up and the API answers 503 UNAVAILABLE. A rolled-back attempt left nothing behind.
 */
async function retryWhileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_BUDGET_MS;
  for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** How long a write waits for the public page to show it; the write has committed either way. */
const PAGE_REFRESH_WAIT_MS = 2_000;

async function waitForPage(app: AppContext, pageId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve(app.onPageChanged(pageId)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, PAGE_REFRESH_WAIT_MS);
      }),
    ]);
  } catch {
    // The snapshot layer reports its own failures; the committed write stands.
  } finally {
    clearTimeout(timer);
  }
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
