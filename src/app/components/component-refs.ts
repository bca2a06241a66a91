import { invalid, notFound } from '../../core/errors.js';
import type { Component } from '../../core/model.js';
import { findComponent } from '../../store/components-store.js';
import { findGroup } from '../../store/groups-store.js';
import type { Db } from '../context.js';

/** A live component, or COMPONENT_NOT_FOUND. */
export async function requireComponent(db: Db, id: string): Promise<Component> {
  const component = await findComponent(db, id);
  if (!component) throw notFound('COMPONENT_NOT_FOUND', `No component has the id "${id}".`);
  return component;
}

/** Check that a group exists on the given page (a component cannot join another page's group). */
export async function assertGroupOnPage(db: Db, groupId: string, pageId: string): Promise<void> {
  const group = await findGroup(db, groupId);
  if (!group)
    throw invalid('GROUP_NOT_FOUND', `group_id "${groupId}" names no component group.`, { field: 'group_id' });
  if (group.pageId !== pageId) {
    throw invalid('GROUP_ON_OTHER_PAGE', `Group "${groupId}" belongs to another page than the component.`, {
      field: 'group_id',
    });
  }
}
