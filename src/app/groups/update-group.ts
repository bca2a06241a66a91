import { notFound } from '../../core/errors.js';
import type { Actor, ComponentGroup } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findGroup, updateGroup as saveGroup } from '../../store/groups-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext, Db } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Fields of a group that can change. */
export interface UpdateGroupInput {
  name?: string;
  description?: string | null;
  position?: number;
}

/** A live group, or GROUP_NOT_FOUND. */
export async function requireGroup(db: Db, id: string): Promise<ComponentGroup> {
  const group = await findGroup(db, id);
  if (!group) throw notFound('GROUP_NOT_FOUND', `No component group has the id "${id}".`);
  return group;
}

/** Rename, describe or reorder a group. */
export async function updateGroup(
  app: AppContext,
  actor: Actor,
  groupId: string,
  input: UpdateGroupInput,
): Promise<ComponentGroup> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const before = await requireGroup(trx, groupId);
    const after: ComponentGroup = {
      ...before,
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      position: input.position ?? before.position,
      updatedAt: app.now().toISOString(),
    };
    await saveGroup(trx, after);
    await touchPage(trx, after.pageId, after.updatedAt);
    await audit(trx, app, actor, {
      action: 'component_group.updated',
      targetType: 'component_group',
      targetId: groupId,
      pageId: after.pageId,
      before,
      after,
    });
    return { value: after, changedPageIds: [after.pageId] };
  });
}
