import type { Db } from '../app/context.js';
import type { Segment } from '../core/model.js';
import type { SegmentTable } from './schema.js';

function toSegment(row: SegmentTable): Segment {
  return {
    id: row.id,
    pageId: row.page_id,
    name: row.name,
    description: row.description,
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Live segments of a page, in display order. */
export async function listSegments(db: Db, pageId: string): Promise<Segment[]> {
  const rows = await db
    .selectFrom('segments')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(toSegment);
}

/** Segments by id, deleted ones included (history still names them). */
export async function findSegmentsByIds(db: Db, ids: readonly string[]): Promise<Segment[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('segments').selectAll().where('id', 'in', ids).execute();
  return rows.map(toSegment);
}

/** A live segment by id. */
export async function findSegment(db: Db, id: string): Promise<Segment | undefined> {
  const row = await db
    .selectFrom('segments')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toSegment(row);
}

/** Next free position among a page's segments. */
export async function nextSegmentPosition(db: Db, pageId: string): Promise<number> {
  const row = await db
    .selectFrom('segments')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** Insert a segment. */
export async function insertSegment(db: Db, s: Segment): Promise<void> {
  await db
    .insertInto('segments')
    .values({
      id: s.id,
      page_id: s.pageId,
      name: s.name,
      description: s.description,
      position: s.position,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      deleted_at: null,
    })
    .execute();
}

/** Save a segment's editable fields. */
export async function updateSegment(db: Db, s: Segment): Promise<void> {
  await db
    .updateTable('segments')
    .set({ name: s.name, description: s.description, position: s.position, updated_at: s.updatedAt })
    .where('id', '=', s.id)
    .execute();
}

/** Soft-delete a segment and drop the statuses held in it. */
export async function deleteSegment(db: Db, id: string, at: string): Promise<void> {
  await db.deleteFrom('status_sources').where('segment_id', '=', id).execute();
  await db.updateTable('segments').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}
