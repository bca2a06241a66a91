import type { Actor, ComponentGroup } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { insertGroup, nextGroupPosition } from '../../store/groups-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';

/** Input for a new component group. */
export interface CreateGroupInput {
  pageId?: string | null;
  name: string;
  description?: string | null;
  position?: number;
}

/** Add a component group to a page. */
export async function createGroup(app: AppContext, actor: Actor, input: CreateGroupInput): Promise<ComponentGroup> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const at = app.now().toISOString();
    const group: ComponentGroup = {
      id: app.newId(),
      pageId: page.id,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? (await nextGroupPosition(trx, page.id)),
      createdAt: at,
      updatedAt: at,
    };
    await insertGroup(trx, group);
    await touchPage(trx, page.id, at);
    await audit(trx, app, actor, {
      action: 'component_group.created',
      targetType: 'component_group',
      targetId: group.id,
      pageId: page.id,
      after: group,
    });
    return { value: group, changedPageIds: [page.id] };
  });
}
