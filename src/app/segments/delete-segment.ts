import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { touchPage } from '../../store/pages-store.js';
import { deleteSegment as removeSegment } from '../../store/segments-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { requireSegment } from './update-segment.js';

/** Delete a segment; statuses held in it are dropped, incident history keeps naming it. */
export async function deleteSegment(app: AppContext, actor: Actor, segmentId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const before = await requireSegment(trx, segmentId);
    const at = app.now().toISOString();
    await removeSegment(trx, segmentId, at);
    await touchPage(trx, before.pageId, at);
    await audit(trx, app, actor, {
      action: 'segment.deleted',
      targetType: 'segment',
      targetId: segmentId,
      pageId: before.pageId,
      before,
    });
    return { value: undefined, changedPageIds: [before.pageId] };
  });
}
