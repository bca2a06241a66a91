import type { Page } from '../../core/model.js';
import { listPages } from '../../store/pages-store.js';
import { findSubscriber, insertSubscribers, saveSubscriber } from '../../store/subscribers-store.js';
import type { AppContext, Db } from '../context.js';

/** The id of the subscriber PHAROS_ALERT_WEBHOOK_URL stands for on a page. */
export function configAlertSubscriberId(pageId: string): string {
  return `alert-config-${pageId}`;
}

/**
 * Make PHAROS_ALERT_WEBHOOK_URL a team subscriber of type `alert` on every page, so operator alerts
 * to it go through the durable outbox (retries, attempt log, parking) like every other message.
 * Unset, the configured subscribers are removed. Run at start-up (several nodes may run it at once);
 * pages created later get theirs from `createPage`.
 */
export async function syncAlertWebhook(app: AppContext, url: string | null): Promise<void> {
  for (const page of await listPages(app.db)) {
    const sync = app.db.transaction().execute((trx) => writeConfigAlertSubscriber(trx, app, page, url));
    // Another node starting at the same moment inserted it first: nothing left to do.
    await sync.catch(async (error: unknown) => {
      if (!(await findSubscriber(app.db, configAlertSubscriberId(page.id)))) throw error;
    });
  }
}

/** Create, move, revive or remove one page's configured alert subscriber. */
export async function writeConfigAlertSubscriber(
  db: Db,
  app: AppContext,
  page: Page,
  url: string | null,
): Promise<void> {
  const at = app.now().toISOString();
  const id = configAlertSubscriberId(page.id);
  const existing = await findSubscriber(db, id);
  if (!url) {
    if (existing && !existing.deletedAt) await saveSubscriber(db, { ...existing, deletedAt: at, updatedAt: at });
    return;
  }
  if (existing) {
    if (existing.address === url && !existing.deletedAt) return;
    const moved = existing.address !== url;
    await saveSubscriber(db, {
      ...existing,
      address: url,
      deletedAt: null,
      // A new URL deserves a fresh start; the same one stays parked until resumed.
      quarantinedAt: moved ? null : existing.quarantinedAt,
      tokenGeneration: existing.tokenGeneration + 1,
      updatedAt: at,
    });
    return;
  }
  await insertSubscribers(db, [
    {
      id,
      pageId: page.id,
      type: 'alert',
      audience: 'team',
      address: url,
      contactEmail: null,
      language: page.defaultLang === 'fr' ? 'fr' : 'en',
      componentIds: [],
      confirmedAt: at,
      confirmExpiresAt: null,
      tokenGeneration: 1,
      quarantinedAt: null,
      hasSecret: false,
      secret: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    },
  ]);
}
