import { sql } from 'kysely';
import type { Db } from '../app/context.js';
import type { SqlDialect } from './dialect.js';
import type { NotificationDeliveryTable } from './schema.js';

// Deliveries (one per subscriber and event) and their attempts: the dispatcher's queue and the
// admin's view of what was sent.

/** A delivery as the dispatcher and the admin API see it. */
export interface Delivery {
  id: number;
  eventId: string;
  subscriberId: string;
  channel: string;
  status: NotificationDeliveryTable['status'];
  attempts: number;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function toDelivery(r: Omit<NotificationDeliveryTable, 'id'> & { id: number }): Delivery {
  return {
    id: Number(r.id),
    eventId: r.event_id,
    subscriberId: r.subscriber_id,
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Lease up to `limit` deliveries that are due: pending ones whose time has come, and sending ones
 * whose lease expired (the node sending them died). Claiming counts as an attempt, so a crash
 * mid-send is never retried forever. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several nodes
 * claim side by side; SQLite has one writer at a time, so the update alone is atomic.
 */
export async function claimDeliveries(
  db: Db,
  dialect: SqlDialect,
  claim: { owner: string; now: string; leaseUntil: string; limit: number; channel: string },
): Promise<Delivery[]> {
  // Two simple claims rather than one OR, so each reads the (channel, status, next_attempt_at) index
  // in order: first rows whose lease expired (a node died sending them), then due pending rows.
  const expired = await claimWhere(db, dialect, claim, claim.limit, 'sending');
  const pending = await claimWhere(db, dialect, claim, claim.limit - expired.length, 'pending');
  return [...expired, ...pending];
}

async function claimWhere(
  db: Db,
  dialect: SqlDialect,
  claim: { owner: string; now: string; leaseUntil: string; channel: string },
  limit: number,
  status: 'pending' | 'sending',
): Promise<Delivery[]> {
  if (limit <= 0) return [];
  const rows = await db
    .updateTable('notification_deliveries')
    .set({
      status: 'sending',
      lease_owner: claim.owner,
      lease_expires_at: claim.leaseUntil,
      attempts: sql<number>`attempts + 1`,
      updated_at: claim.now,
    })
    .where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('notification_deliveries as d')
        .select('d.id')
        .where('d.channel', '=', claim.channel)
        .where('d.status', '=', status);
      due =
        status === 'pending'
          ? due.where('d.next_attempt_at', '<=', claim.now).orderBy('d.next_attempt_at')
          : due.where('d.lease_expires_at', '<=', claim.now);
      due = due.limit(limit);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  return rows.map(toDelivery);
}

/** The outcome of one attempt, to record. */
export interface AttemptRecord {
  deliveryId: number;
  subscriberId: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** What the delivery becomes. */
  next: { status: 'delivered' } | { status: 'pending'; nextAttemptAt: string } | { status: 'failed' | 'parked' };
}

/**
 * Record a batch of attempts and move their deliveries, only where this owner still holds the
 * lease (a lease that expired and was taken over belongs to the new owner).
 */
export async function recordAttempts(
  db: Db,
  owner: string,
  records: readonly AttemptRecord[],
  at: string,
): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    await db
      .insertInto('delivery_attempts')
      .values(
        records.slice(i, i + 100).map((r) => ({
          delivery_id: r.deliveryId,
          subscriber_id: r.subscriberId,
          attempt: r.attempt,
          started_at: r.startedAt,
          duration_ms: Math.round(r.durationMs),
          ok: r.ok ? 1 : 0,
          status_code: r.statusCode,
          error: r.error,
        })),
      )
      .execute();
  }
  const delivered = records.filter((r) => r.next.status === 'delivered').map((r) => r.deliveryId);
  for (let i = 0; i < delivered.length; i += 500) {
    await db
      .updateTable('notification_deliveries')
      .set({
        status: 'delivered',
        delivered_at: at,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        updated_at: at,
      })
      .where('id', 'in', delivered.slice(i, i + 500))
      .where('lease_owner', '=', owner)
      .execute();
  }
  for (const r of records.filter((x) => x.next.status !== 'delivered')) {
    await db
      .updateTable('notification_deliveries')
      .set({
        status: r.next.status,
        next_attempt_at: r.next.status === 'pending' ? r.next.nextAttemptAt : at,
        lease_owner: null,
        lease_expires_at: null,
        last_error: r.error,
        updated_at: at,
      })
      .where('id', '=', r.deliveryId)
      .where('lease_owner', '=', owner)
      .execute();
  }
}

/** When a subscriber's attempts failed since `since` (for the quarantine rule). */
export async function recentFailureTimes(db: Db, subscriberId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('delivery_attempts')
    .select('started_at')
    .where('subscriber_id', '=', subscriberId)
    .where('started_at', '>', since)
    .where('ok', '=', 0)
    .execute();
  return rows.map((r) => r.started_at);
}

/** Park every pending delivery of a quarantined subscriber. */
export async function parkSubscriberDeliveries(db: Db, subscriberId: string, at: string): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'parked', lease_owner: null, lease_expires_at: null, updated_at: at })
    .where('subscriber_id', '=', subscriberId)
    .where('status', 'in', ['pending', 'sending'])
    .execute();
}

/** Filters for the admin's view of deliveries. */
export interface DeliveryFilter {
  pageId: string;
  status?: Delivery['status'];
  subscriberId?: string;
  eventId?: string;
  limit: number;
  beforeId?: number | null;
}

/** Deliveries of a page, newest first. */
export async function listDeliveries(db: Db, f: DeliveryFilter): Promise<Delivery[]> {
  let q = db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .where('e.page_id', '=', f.pageId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.subscriberId) q = q.where('d.subscriber_id', '=', f.subscriberId);
  if (f.eventId) q = q.where('d.event_id', '=', f.eventId);
  if (f.beforeId) q = q.where('d.id', '<', f.beforeId);
  const rows = await q.orderBy('d.id', 'desc').limit(f.limit).execute();
  return rows.map(toDelivery);
}

/** A delivery by id, with the page of its event. */
export async function findDelivery(db: Db, id: number): Promise<(Delivery & { pageId: string }) | undefined> {
  const row = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.page_id')
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row ? { ...toDelivery(row), pageId: row.page_id } : undefined;
}

/** Put a delivery back in the queue now (an admin's resend); attempts count on from where they were. */
export async function requeueDelivery(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'pending', next_attempt_at: at, lease_owner: null, lease_expires_at: null, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The attempts of a delivery, oldest first. */
export async function listAttempts(db: Db, deliveryId: number) {
  const rows = await db
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    attempt: r.attempt,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    ok: r.ok === 1,
    statusCode: r.status_code,
    error: r.error,
  }));
}

/** How many deliveries of an event are in each status (for the bench and the admin). */
export async function countDeliveriesByStatus(db: Db, eventId?: string): Promise<Record<string, number>> {
  let q = db.selectFrom('notification_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (eventId) q = q.where('event_id', '=', eventId);
  const rows = await q.groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
