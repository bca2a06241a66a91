import type { Db } from '../app/context.js';
import type { Component } from '../core/model.js';
import type { ComponentTable } from './schema.js';

function toComponent(row: ComponentTable): Component {
  return {
    id: row.id,
    pageId: row.page_id,
    groupId: row.group_id,
    name: row.name,
    description: row.description,
    position: row.position,
    showcase: row.showcase === 1,
    onlyShowIfDegraded: row.only_show_if_degraded === 1,
    startDate: row.start_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Live components of a page, in display order. */
export async function listComponents(db: Db, pageId: string): Promise<Component[]> {
  const rows = await db
    .selectFrom('components')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(toComponent);
}

/** A live component by id. */
export async function findComponent(db: Db, id: string): Promise<Component | undefined> {
  const row = await db
    .selectFrom('components')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toComponent(row);
}

/** Components by id, deleted ones included (incident history still names them). */
export async function findComponentsByIds(db: Db, ids: readonly string[]): Promise<Component[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('components').selectAll().where('id', 'in', ids).execute();
  return rows.map(toComponent);
}

/** Live components by id. */
export async function findLiveComponentsByIds(db: Db, ids: readonly string[]): Promise<Component[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('components')
    .selectAll()
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map(toComponent);
}

/** Next free position in a group (or among ungrouped components) of a page. */
export async function nextComponentPosition(db: Db, pageId: string, groupId: string | null): Promise<number> {
  const row = await db
    .selectFrom('components')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .where('group_id', groupId === null ? 'is' : '=', groupId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** Insert a component. */
export async function insertComponent(db: Db, c: Component): Promise<void> {
  await db
    .insertInto('components')
    .values({
      id: c.id,
      page_id: c.pageId,
      group_id: c.groupId,
      name: c.name,
      description: c.description,
      position: c.position,
      showcase: c.showcase ? 1 : 0,
      only_show_if_degraded: c.onlyShowIfDegraded ? 1 : 0,
      start_date: c.startDate,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      deleted_at: null,
    })
    .execute();
}

/** Save a component's editable fields. */
export async function updateComponent(db: Db, c: Component): Promise<void> {
  await db
    .updateTable('components')
    .set({
      group_id: c.groupId,
      name: c.name,
      description: c.description,
      position: c.position,
      showcase: c.showcase ? 1 : 0,
      only_show_if_degraded: c.onlyShowIfDegraded ? 1 : 0,
      start_date: c.startDate,
      updated_at: c.updatedAt,
    })
    .where('id', '=', c.id)
    .execute();
}

/** Soft-delete a component and drop every status held on it. */
export async function deleteComponent(db: Db, id: string, at: string): Promise<void> {
  await db.deleteFrom('status_sources').where('component_id', '=', id).execute();
  await db.updateTable('components').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
}
