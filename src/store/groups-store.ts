import type { Db } from '../app/context.js';
import type { ComponentGroup } from '../core/model.js';
import type { ComponentGroupTable } from './schema.js';

function toGroup(row: ComponentGroupTable): ComponentGroup {
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

/** Live groups of a page, in display order. */
export async function listGroups(db: Db, pageId: string): Promise<ComponentGroup[]> {
  const rows = await db
    .selectFrom('component_groups')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(toGroup);
}

/** A live group by id. */
export async function findGroup(db: Db, id: string): Promise<ComponentGroup | undefined> {
  const row = await db
    .selectFrom('component_groups')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toGroup(row);
}

/** Next free position among a page's groups. */
export async function nextGroupPosition(db: Db, pageId: string): Promise<number> {
  const row = await db
    .selectFrom('component_groups')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** Insert a group. */
export async function insertGroup(db: Db, g: ComponentGroup): Promise<void> {
  await db
    .insertInto('component_groups')
    .values({
      id: g.id,
      page_id: g.pageId,
      name: g.name,
      description: g.description,
      position: g.position,
      created_at: g.createdAt,
      updated_at: g.updatedAt,
      deleted_at: null,
    })
    .execute();
}

/** Save a group's editable fields. */
export async function updateGroup(db: Db, g: ComponentGroup): Promise<void> {
  await db
    .updateTable('component_groups')
    .set({ name: g.name, description: g.description, position: g.position, updated_at: g.updatedAt })
    .where('id', '=', g.id)
    .execute();
}

/** Soft-delete a group and release its components. */
export async function deleteGroup(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('components').set({ group_id: null, updated_at: at }).where('group_id', '=', id).execute();
  await db.updateTable('component_groups').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}
