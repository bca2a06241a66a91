import type { Actor } from '../../core/model.js';
import { messageLanguage } from '../../core/notification.js';
import { findSubscriberByAddress, insertSubscribers, saveSubscriber } from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import { checkSubscriberComponents, normalizeEmail } from './subscriber-fields.js';

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 48 * 3_600_000;
/** A new confirmation e-mail to the same address waits at least this long after the previous one. */
export const CONFIRMATION_RESEND_MS = 10 * 60_000;

/** The recorded actor of public sign-ups. */
export const PUBLIC_SUBSCRIBER: Actor = { type: 'system', id: null, name: 'public subscription', role: 'viewer' };

/** A public sign-up. */
export interface SubscriptionRequest {
  pageId: string;
  email: string;
  componentIds?: string[];
  language?: string;
}

/**
 * Someone asks to receive a page's updates by e-mail (double opt-in). The caller answers the same
 * way whatever happens here: an address already subscribed, unknown or asked for twice in a row
 * must look alike (no enumeration). A confirmed subscriber is left as is; a pending one gets a fresh
 * link, at most every 10 minutes so the form cannot be used to flood a mailbox.
 */
export async function requestSubscription(app: AppContext, input: SubscriptionRequest): Promise<void> {
  const email = normalizeEmail(input.email);
  const now = app.now();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString();
  await runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const componentIds = await checkSubscriberComponents(trx, page.id, input.componentIds);
    const language = messageLanguage(input.language ?? page.defaultLang);
    const existing = await findSubscriberByAddress(trx, page.id, 'email', email);
    let subscriberId: string;
    if (!existing) {
      subscriberId = app.newId();
      await insertSubscribers(trx, [
        {
          id: subscriberId,
          pageId: page.id,
          type: 'email',
          audience: 'public',
          address: email,
          contactEmail: null,
          language,
          componentIds,
          confirmedAt: null,
          confirmExpiresAt: expires,
          tokenGeneration: 1,
          quarantinedAt: null,
          hasSecret: false,
          secret: null,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        },
      ]);
    } else if (existing.deletedAt || !existing.confirmedAt) {
      const lastSent = existing.confirmExpiresAt ? Date.parse(existing.confirmExpiresAt) - CONFIRMATION_TTL_MS : 0;
      if (!existing.deletedAt && now.getTime() - lastSent < CONFIRMATION_RESEND_MS)
        return { value: undefined, changedPageIds: [] };
      subscriberId = existing.id;
      await saveSubscriber(trx, {
        ...existing,
        componentIds,
        language,
        confirmedAt: null,
        confirmExpiresAt: expires,
        // A revived subscription must not honour links from its previous life.
        tokenGeneration: existing.tokenGeneration + (existing.deletedAt ? 1 : 0),
        deletedAt: null,
        updatedAt: at,
      });
    } else {
      return { value: undefined, changedPageIds: [] };
    }
    await enqueueNotification(trx, app, {
      pageId: page.id,
      kind: 'subscriber.confirm',
      ref: { subscriber_id: subscriberId },
      subscriberId,
    });
    await audit(trx, app, PUBLIC_SUBSCRIBER, {
      action: 'subscriber.requested',
      targetType: 'subscriber',
      targetId: subscriberId,
      pageId: page.id,
    });
    return { value: undefined, changedPageIds: [] };
  });
}
