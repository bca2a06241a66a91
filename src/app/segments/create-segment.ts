import type { Actor, Segment } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { touchPage } from '../../store/pages-store.js';
import { insertSegment, nextSegmentPosition } from '../../store/segments-store.js';
import type { AppContext } from '../context.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';

/** Input for a new segment (a region or deployment). */
export interface CreateSegmentInput {
  pageId?: string | null;
  name: string;
  description?: string | null;
  position?: number;
}

/** Add a segment to a page. */
export async function createSegment(app: AppContext, actor: Actor, input: CreateSegmentInput): Promise<Segment> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const at = app.now().toISOString();
    const segment: Segment = {
      id: app.newId(),
      pageId: page.id,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? (await nextSegmentPosition(trx, page.id)),
      createdAt: at,
      updatedAt: at,
    };
    await insertSegment(trx, segment);
    await touchPage(trx, page.id, at);
    await audit(trx, app, actor, {
      action: 'segment.created',
      targetType: 'segment',
      targetId: segment.id,
      pageId: page.id,
      after: segment,
    });
    return { value: segment, changedPageIds: [page.id] };
  });
}
