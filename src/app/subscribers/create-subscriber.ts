import type { Transaction } from 'kysely';
import { conflict, invalid } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { messageLanguage, type SubscriberAudience, type SubscriberType } from '../../core/notification.js';
import { requireRole } from '../../core/permissions.js';
import type { Schema } from '../../store/schema.js';
import {
  findSubscriberByAddress,
  insertSubscribers,
  saveSubscriber,
  type StoredSubscriber,
} from '../../store/subscribers-store.js';
import type { AppContext } from '../context.js';
import { enqueueNotification } from '../notifications/enqueue-notification.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import { CONFIRMATION_TTL_MS } from './request-subscription.js';
import { checkSubscriberComponents, normalizeAddress, normalizeEmail } from './subscriber-fields.js';

/** A subscriber an admin adds (one by one or by import). */
export interface CreateSubscriberInput {
  pageId?: string | null;
  type: SubscriberType;
  /** `public` (the default) or `team`; `alert` subscribers are always `team`. */
  audience?: SubscriberAudience;
  email?: string;
  url?: string;
  componentIds?: string[];
  /** Webhook signing secret (webhooks only). */
  secret?: string | null;
  /** Where to tell a webhook's owner it was parked. */
  contactEmail?: string | null;
  language?: string;
  /** Skip double opt-in (an import of people who already agreed). Endpoints are always confirmed. */
  confirmed?: boolean;
}

/** Add a subscriber. An unconfirmed e-mail subscriber is sent a confirmation link. */
export async function createSubscriber(
  app: AppContext,
  actor: Actor,
  input: CreateSubscriberInput,
): Promise<StoredSubscriber> {
  requireRole(actor, 'admin');
  return runWrite(app, async (trx) => {
    const subscriber = await writeSubscriber(trx, app, input);
    await audit(trx, app, actor, {
      action: 'subscriber.created',
      targetType: 'subscriber',
      targetId: subscriber.id,
      pageId: subscriber.pageId,
      after: {
        type: subscriber.type,
        audience: subscriber.audience,
        component_ids: subscriber.componentIds,
        confirmed: subscriber.confirmedAt !== null,
      },
    });
    return { value: subscriber, changedPageIds: [] };
  });
}

/** The writes of `createSubscriber` in the caller's transaction (imports add many in one). */
export async function writeSubscriber(
  trx: Transaction<Schema>,
  app: AppContext,
  input: CreateSubscriberInput,
): Promise<StoredSubscriber> {
  const page = await resolvePage(trx, input.pageId);
  const address = normalizeAddress(input.type, input.email, input.url);
  if (input.secret && input.type !== 'webhook') {
    throw invalid('SECRET_NOT_SUPPORTED', 'Only webhook subscribers are signed; leave `secret` out.', {
      field: 'secret',
    });
  }
  const audience = input.audience ?? (input.type === 'alert' ? 'team' : 'public');
  if (input.type === 'alert' && audience !== 'team') {
    throw invalid('ALERT_SUBSCRIBER_IS_TEAM', 'An `alert` webhook receives operator alerts: use `audience: "team"`.', {
      field: 'audience',
    });
  }
  const componentIds = await checkSubscriberComponents(trx, page.id, input.componentIds);
  const at = app.now().toISOString();
  const confirmed = input.type !== 'email' || input.confirmed === true;
  const existing = await findSubscriberByAddress(trx, page.id, input.type, address);
  if (existing && !existing.deletedAt) {
    throw conflict('SUBSCRIBER_EXISTS', `This page already has a ${input.type} subscriber for that address.`, {
      subscriber_id: existing.id,
    });
  }
  const subscriber: StoredSubscriber = {
    id: existing?.id ?? app.newId(),
    pageId: page.id,
    type: input.type,
    audience,
    address,
    contactEmail: input.contactEmail ? normalizeEmail(input.contactEmail) : null,
    language: messageLanguage(input.language ?? page.defaultLang),
    componentIds,
    confirmedAt: confirmed ? at : null,
    confirmExpiresAt: confirmed ? null : new Date(app.now().getTime() + CONFIRMATION_TTL_MS).toISOString(),
    tokenGeneration: (existing?.tokenGeneration ?? 0) + 1,
    quarantinedAt: null,
    hasSecret: Boolean(input.secret),
    secret: input.secret ?? null,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    deletedAt: null,
  };
  if (existing) await saveSubscriber(trx, subscriber);
  else await insertSubscribers(trx, [subscriber]);
  if (!confirmed) {
    await enqueueNotification(trx, app, {
      pageId: page.id,
      kind: 'subscriber.confirm',
      ref: { subscriber_id: subscriber.id },
      subscriberId: subscriber.id,
    });
  }
  return subscriber;
}
