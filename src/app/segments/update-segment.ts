import { notFound } from '../../core/errors.js';
import type { Actor, Segment } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { touchPage } from '../../store/pages-store.js';
import { findSegment, updateSegment as saveSegment } from '../../store/segments-store.js';
import type { AppContext, Db } from '../context.js';
import { audit, runWrite } from '../transaction.js';

/** Fields of a segment that can change. */
export interface UpdateSegmentInput {
  name?: string;
  description?: string | null;
  position?: number;
}

/** A live segment, or SEGMENT_NOT_FOUND. */
export async function requireSegment(db: Db, id: string): Promise<Segment> {
  const segment = await findSegment(db, id);
  if (!segment) throw notFound('SEGMENT_NOT_FOUND', `No segment has the id "${id}".`);
  return segment;
}

/** Rename, describe or reorder a segment. */
export async function updateSegment(
  app: AppContext,
  actor: Actor,
  segmentId: string,
  input: UpdateSegmentInput,
): Promise<Segment> {
  requireRole(actor, 'editor');
  return runWrite(app, async (trx) => {
    const before = await requireSegment(trx, segmentId);
    const after: Segment = {
      ...before,
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      position: input.position ?? before.position,
      updatedAt: app.now().toISOString(),
    };
    await saveSegment(trx, after);
    await touchPage(trx, after.pageId, after.updatedAt);
    await audit(trx, app, actor, {
      action: 'segment.updated',
      targetType: 'segment',
      targetId: segmentId,
      pageId: after.pageId,
      before,
      after,
    });
    return { value: after, changedPageIds: [after.pageId] };
  });
}
