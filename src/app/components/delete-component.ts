import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { deleteComponent as removeComponent } from '../../store/components-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { requireComponent } from './component-refs.js';
import { loadComponentWithStatus } from './load-component-statuses.js';

/** Remove a component from its page; incidents that affected it keep naming it in their history. */
export async function deleteComponent(app: AppContext, actor: Actor, componentId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const component = await requireComponent(trx, componentId);
    const before = await loadComponentWithStatus(trx, componentId);
    const at = app.now().toISOString();
    await removeComponent(trx, componentId, at);
    await touchPage(trx, component.pageId, at);
    await audit(trx, app, actor, {
      action: 'component.deleted',
      targetType: 'component',
      targetId: componentId,
      pageId: component.pageId,
      before,
    });
    return { value: undefined, changedPageIds: [component.pageId] };
  });
}
