import type { Transaction } from 'kysely';
import type { NotificationKind } from '../../core/notification.js';
import { insertNotificationEvent } from '../../store/notifications-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';

/** What a use case tells the outbox. */
export interface NotificationRequest {
  pageId: string;
  kind: NotificationKind;
  ref: Record<string, string | null>;
  componentIds?: readonly string[];
  /** For a message to one subscriber only (confirmation, quarantine notice). */
  subscriberId?: string | null;
}

/**
 * Write a notification event to the outbox inside the caller's transaction, so the change and the
 * promise to tell subscribers about it commit (or roll back) together. The dispatcher delivers it
 * after the commit; nothing is sent from inside the transaction.
 */
export async function enqueueNotification(
  trx: Transaction<Schema>,
  app: AppContext,
  request: NotificationRequest,
): Promise<string> {
  const id = app.newId();
  await insertNotificationEvent(trx, {
    id,
    pageId: request.pageId,
    kind: request.kind,
    ref: request.ref,
    componentIds: [...new Set(request.componentIds ?? [])].sort(),
    subscriberId: request.subscriberId ?? null,
    createdAt: app.now().toISOString(),
  });
  app.onNotificationQueued?.();
  return id;
}

/**
 * The hook for postmortems (not built yet): call it in the transaction that publishes one, unless
 * the operator chose not to notify.
 */
export function enqueuePostmortemPublished(
  trx: Transaction<Schema>,
  app: AppContext,
  incident: { id: string; pageId: string; componentIds: readonly string[] },
): Promise<string> {
  return enqueueNotification(trx, app, {
    pageId: incident.pageId,
    kind: 'postmortem.published',
    ref: { incident_id: incident.id },
    componentIds: incident.componentIds,
  });
}
