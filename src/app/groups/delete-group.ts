import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { deleteGroup as removeGroup } from '../../store/groups-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { requireGroup } from './update-group.js';

/** Delete a group; its components stay on the page, ungrouped. */
export async function deleteGroup(app: AppContext, actor: Actor, groupId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const before = await requireGroup(trx, groupId);
    const at = app.now().toISOString();
    await removeGroup(trx, groupId, at);
    await touchPage(trx, before.pageId, at);
    await audit(trx, app, actor, {
      action: 'component_group.deleted',
      targetType: 'component_group',
      targetId: groupId,
      pageId: before.pageId,
      before,
    });
    return { value: undefined, changedPageIds: [before.pageId] };
  });
}
