import { sql } from 'kysely';
import type { Db } from '../app/context.js';
import { audienceOf, type NotificationContent, type NotificationKind } from '../core/notification.js';

/** An outbox row: something happened that subscribers may need to hear about. */
export interface NotificationEvent {
  id: string;
  pageId: string;
  kind: NotificationKind;
  /** Ids of what it is about (incident, update, component, occurrence…) and old/new statuses. */
  ref: Record<string, string | null>;
  componentIds: string[];
  /** For a message to one subscriber only. */
  subscriberId: string | null;
  createdAt: string;
}

/** Write an event to the outbox (inside the transaction of the change that causes it). */
export async function insertNotificationEvent(db: Db, e: NotificationEvent): Promise<void> {
  await db
    .insertInto('notification_events')
    .values({
      id: e.id,
      page_id: e.pageId,
      kind: e.kind,
      ref_json: JSON.stringify(e.ref),
      component_ids_json: JSON.stringify(e.componentIds),
      subscriber_id: e.subscriberId,
      created_at: e.createdAt,
      fanned_out_at: null,
      content_json: null,
    })
    .execute();
}

/** Events not fanned out yet, oldest first. */
export async function listPendingEvents(db: Db, limit: number): Promise<NotificationEvent[]> {
  const rows = await db
    .selectFrom('notification_events')
    .selectAll()
    .where('fanned_out_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pageId: r.page_id,
    kind: r.kind as NotificationKind,
    ref: JSON.parse(r.ref_json) as Record<string, string | null>,
    componentIds: JSON.parse(r.component_ids_json) as string[],
    subscriberId: r.subscriber_id,
    createdAt: r.created_at,
  }));
}

/**
 * Create one pending delivery per matching subscriber and mark the event fanned out, in the
 * caller's transaction. Running it twice is harmless: deliveries are unique per (subscriber,
 * event) and the event is marked only once. Matching follows `subscriberMatches` in core: a
 * subscriber without components hears everything; an event without components reaches everyone.
 * Returns how many deliveries were created, or null when the event was already fanned out.
 */
export async function fanOutEvent(
  db: Db,
  event: NotificationEvent,
  content: NotificationContent | null,
  at: string,
  target?: { subscriberId: string; channel: string },
): Promise<number | null> {
  const marked = await db
    .updateTable('notification_events')
    .set({ fanned_out_at: at, content_json: content ? JSON.stringify(content) : null })
    .where('id', '=', event.id)
    .where('fanned_out_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return null;
  if (!content) return 0;
  return insertDeliveries(db, event, at, target);
}

/**
 * Create the deliveries of an event for subscribers with ids in (`afterId`, `throughId`] (all when
 * both are omitted). Fan-out calls it chunk by chunk so no single statement holds the database
 * (and, on SQLite, the event loop) for long; the unique (subscriber, event) key makes a repeated
 * chunk harmless.
 */
export async function insertDeliveries(
  db: Db,
  event: NotificationEvent,
  at: string,
  target?: { subscriberId: string; channel: string },
  range?: { afterId: string | null; throughId: string },
): Promise<number> {
  const text = (value: string) => sql<string>`cast(${value} as text)`;
  let select = db
    .selectFrom('subscribers as s')
    .select([
      text(event.id).as('event_id'),
      's.id as subscriber_id',
      (target ? text(target.channel) : sql<string>`s.type`).as('channel'),
      text('pending').as('status'),
      sql<number>`0`.as('attempts'),
      text(at).as('next_attempt_at'),
      text(at).as('created_at'),
      text(at).as('updated_at'),
    ])
    .where('s.page_id', '=', event.pageId)
    .where('s.deleted_at', 'is', null);
  if (range) {
    if (range.afterId) select = select.where('s.id', '>', range.afterId);
    select = select.where('s.id', '<=', range.throughId);
  }
  if (target) {
    select = select.where('s.id', '=', target.subscriberId);
  } else {
    select = select
      .where('s.confirmed_at', 'is not', null)
      .where('s.quarantined_at', 'is', null)
      .where('s.audience', '=', audienceOf(event.kind));
    if (event.componentIds.length > 0) {
      const ids = event.componentIds;
      select = select.where((eb) =>
        eb.or([
          eb.not(
            eb.exists(
              eb
                .selectFrom('subscriber_components as sc')
                .select('sc.subscriber_id')
                .whereRef('sc.subscriber_id', '=', 's.id'),
            ),
          ),
          eb.exists(
            eb
              .selectFrom('subscriber_components as sc')
              .select('sc.subscriber_id')
              .whereRef('sc.subscriber_id', '=', 's.id')
              .where('sc.component_id', 'in', ids),
          ),
        ]),
      );
    }
  }
  const result = await db
    .insertInto('notification_deliveries')
    .columns([
      'event_id',
      'subscriber_id',
      'channel',
      'status',
      'attempts',
      'next_attempt_at',
      'created_at',
      'updated_at',
    ])
    .expression(select)
    .onConflict((oc) => oc.columns(['subscriber_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Ids of a page's live subscribers after `afterId`, in id order: the chunk boundaries of a fan-out. */
export async function subscriberIdsAfter(
  db: Db,
  pageId: string,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  let q = db.selectFrom('subscribers').select('id').where('page_id', '=', pageId).where('deleted_at', 'is', null);
  if (afterId) q = q.where('id', '>', afterId);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Mark an event fanned out with its rendered content; false when another run already did. */
export async function markEventFannedOut(
  db: Db,
  eventId: string,
  content: NotificationContent | null,
  at: string,
): Promise<boolean> {
  const marked = await db
    .updateTable('notification_events')
    .set({ fanned_out_at: at, content_json: content ? JSON.stringify(content) : null })
    .where('id', '=', eventId)
    .where('fanned_out_at', 'is', null)
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) > 0;
}

/** Store an event's rendered content before its deliveries exist (chunked fan-out sends while it runs). */
export async function saveEventContent(db: Db, eventId: string, content: NotificationContent): Promise<void> {
  await db
    .updateTable('notification_events')
    .set({ content_json: JSON.stringify(content) })
    .where('id', '=', eventId)
    .execute();
}

/** The rendered content of events, by id. */
export async function loadEventContents(db: Db, ids: readonly string[]): Promise<Map<string, NotificationContent>> {
  const map = new Map<string, NotificationContent>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('notification_events')
    .select(['id', 'content_json'])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) if (r.content_json) map.set(r.id, JSON.parse(r.content_json) as NotificationContent);
  return map;
}
