import type { Db } from '../app/context.js';
import {
  messageLanguage,
  type Subscriber,
  type SubscriberAudience,
  type SubscriberType,
} from '../core/notification.js';
import type { SubscriberTable } from './schema.js';

/** A subscriber with its webhook secret, which never leaves the app and notify layers. */
export interface StoredSubscriber extends Subscriber {
  secret: string | null;
  deletedAt: string | null;
}

function toSubscriber(row: SubscriberTable, componentIds: string[]): StoredSubscriber {
  return {
    id: row.id,
    pageId: row.page_id,
    type: row.type,
    audience: row.audience,
    address: row.address,
    contactEmail: row.contact_email,
    language: messageLanguage(row.language),
    componentIds,
    confirmedAt: row.confirmed_at,
    confirmExpiresAt: row.confirm_expires_at,
    tokenGeneration: row.token_generation,
    quarantinedAt: row.quarantined_at,
    hasSecret: row.secret !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    secret: row.secret,
    deletedAt: row.deleted_at,
  };
}

async function withComponents(db: Db, rows: SubscriberTable[]): Promise<StoredSubscriber[]> {
  if (rows.length === 0) return [];
  const scope = new Map<string, string[]>();
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const refs = await db.selectFrom('subscriber_components').selectAll().where('subscriber_id', 'in', ids).execute();
    for (const ref of refs) scope.set(ref.subscriber_id, [...(scope.get(ref.subscriber_id) ?? []), ref.component_id]);
  }
  return rows.map((r) => toSubscriber(r, (scope.get(r.id) ?? []).sort()));
}

/** Insert subscribers (many at once for imports) with their component scopes. */
export async function insertSubscribers(db: Db, subscribers: readonly StoredSubscriber[]): Promise<void> {
  for (let i = 0; i < subscribers.length; i += 200) {
    const chunk = subscribers.slice(i, i + 200);
    await db
      .insertInto('subscribers')
      .values(
        chunk.map((s) => ({
          id: s.id,
          page_id: s.pageId,
          type: s.type,
          audience: s.audience,
          address: s.address,
          secret: s.secret,
          contact_email: s.contactEmail,
          language: s.language,
          confirmed_at: s.confirmedAt,
          confirm_expires_at: s.confirmExpiresAt,
          token_generation: s.tokenGeneration,
          quarantined_at: s.quarantinedAt,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
          deleted_at: null,
        })),
      )
      .execute();
    const refs = chunk.flatMap((s) => s.componentIds.map((component_id) => ({ subscriber_id: s.id, component_id })));
    for (let j = 0; j < refs.length; j += 400) {
      await db
        .insertInto('subscriber_components')
        .values(refs.slice(j, j + 400))
        .execute();
    }
  }
}

/**
 * Mark a subscriber quarantined unless it already is. Returns false when another batch (or node)
 * got there first, so the owner is told once.
 */
export async function claimQuarantine(db: Db, subscriberId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ quarantined_at: at, updated_at: at })
    .where('id', '=', subscriberId)
    .where('quarantined_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Save a subscriber's fields and replace its component scope. */
export async function saveSubscriber(db: Db, s: StoredSubscriber): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({
      address: s.address,
      secret: s.secret,
      contact_email: s.contactEmail,
      language: s.language,
      confirmed_at: s.confirmedAt,
      confirm_expires_at: s.confirmExpiresAt,
      token_generation: s.tokenGeneration,
      quarantined_at: s.quarantinedAt,
      updated_at: s.updatedAt,
      deleted_at: s.deletedAt,
    })
    .where('id', '=', s.id)
    .execute();
  await db.deleteFrom('subscriber_components').where('subscriber_id', '=', s.id).execute();
  if (s.componentIds.length > 0) {
    await db
      .insertInto('subscriber_components')
      .values(s.componentIds.map((component_id) => ({ subscriber_id: s.id, component_id })))
      .execute();
  }
}

/** A subscriber by id, deleted ones included. */
export async function findSubscriber(db: Db, id: string): Promise<StoredSubscriber | undefined> {
  const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withComponents(db, [row]))[0] : undefined;
}

/** Subscribers by id (deleted ones included), for the dispatcher. */
export async function findSubscribersByIds(db: Db, ids: readonly string[]): Promise<StoredSubscriber[]> {
  const rows: SubscriberTable[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('subscribers')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return withComponents(db, rows);
}

/** The subscriber row for an address on a page, deleted or not (addresses are unique per page and type). */
export async function findSubscriberByAddress(
  db: Db,
  pageId: string,
  type: SubscriberType,
  address: string,
): Promise<StoredSubscriber | undefined> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('type', '=', type)
    .where('address', '=', address)
    .executeTakeFirst();
  return row ? (await withComponents(db, [row]))[0] : undefined;
}

/** Filters for listing subscribers. */
export interface SubscriberFilter {
  pageId: string;
  type?: SubscriberType;
  audience?: SubscriberAudience;
  state?: 'confirmed' | 'unconfirmed' | 'quarantined';
  componentId?: string;
  /** Address contains (case-insensitive on e-mails, which are stored lower-cased). */
  search?: string;
  limit: number;
  /** Page on: return subscribers whose id sorts after this one. */
  afterId?: string | null;
}

/** Live subscribers of a page, in id order (a stable cursor for export). */
export async function listSubscribers(db: Db, f: SubscriberFilter): Promise<StoredSubscriber[]> {
  let q = db.selectFrom('subscribers').selectAll().where('page_id', '=', f.pageId).where('deleted_at', 'is', null);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.audience) q = q.where('audience', '=', f.audience);
  if (f.state === 'confirmed') q = q.where('confirmed_at', 'is not', null).where('quarantined_at', 'is', null);
  if (f.state === 'unconfirmed') q = q.where('confirmed_at', 'is', null);
  if (f.state === 'quarantined') q = q.where('quarantined_at', 'is not', null);
  if (f.search) q = q.where('address', 'like', `%${f.search.toLowerCase().replace(/[%_]/g, '')}%`);
  if (f.componentId) {
    const componentId = f.componentId;
    q = q.where((eb) =>
      eb.or([
        eb.not(
          eb.exists(
            eb
              .selectFrom('subscriber_components as sc')
              .select('sc.subscriber_id')
              .whereRef('sc.subscriber_id', '=', 'subscribers.id'),
          ),
        ),
        eb.exists(
          eb
            .selectFrom('subscriber_components as sc')
            .select('sc.subscriber_id')
            .whereRef('sc.subscriber_id', '=', 'subscribers.id')
            .where('sc.component_id', '=', componentId),
        ),
      ]),
    );
  }
  if (f.afterId) q = q.where('id', '>', f.afterId);
  const rows = await q.orderBy('id').limit(f.limit).execute();
  return withComponents(db, rows);
}
