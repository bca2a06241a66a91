import { DomainError, notFound } from '../../core/errors.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { assertNotFuture, normalizeTimestamp } from '../../core/timestamps.js';
import {
  listIncidentUpdates,
  moveUpdateEffectiveTimes,
  saveIncident,
  saveIncidentUpdateFields,
} from '../../store/incidents-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { loadIncidentDetail, type IncidentDetail } from './load-incident-detail.js';
import { recomputeIncident } from './recompute-incident.js';
import { requireIncident } from './require-incident.js';

/** What can be corrected in a posted update. */
export interface EditIncidentUpdateInput {
  message?: string;
  displayAt?: string;
}

/** Correct the text or the display time of an update (typos, a wrongly timed backfill). */
export async function editIncidentUpdate(
  app: AppContext,
  actor: Actor,
  incidentId: string,
  updateId: string,
  input: EditIncidentUpdateInput,
): Promise<IncidentDetail> {
  requireRole(actor, 'editor');
  const now = app.now();
  const at = now.toISOString();
  let displayAt: string | undefined;
  if (input.displayAt) {
    displayAt = normalizeTimestamp(input.displayAt, 'display_at');
    assertNotFuture(displayAt, now, 'display_at');
  }
  return runWrite(app, async (trx) => {
    const incident = await requireIncident(trx, incidentId);
    const updates = await listIncidentUpdates(trx, [incidentId]);
    const target = updates.find((u) => u.id === updateId);
    if (!target) throw notFound('INCIDENT_UPDATE_NOT_FOUND', `Incident "${incidentId}" has no update "${updateId}".`);
    const newAt = displayAt ?? target.displayAt;
    // Changes that took effect at the update's time move with it; explicitly timed ones stay.
    const edited = {
      ...target,
      body: input.message ?? target.body,
      displayAt: newAt,
      updatedAt: at,
      affectedComponents: target.affectedComponents.map((a) =>
        a.effectiveAt === target.displayAt ? { ...a, effectiveAt: newAt } : a,
      ),
    };
    const saved = recomputeIncident(
      incident,
      updates.map((u) => (u.id === updateId ? edited : u)),
      at,
    );
    if (saved.status !== incident.status) {
      throw new DomainError(
        'conflict',
        'UPDATE_EDIT_CHANGES_STATUS',
        `Moving this update to ${newAt} would change the incident from ${incident.status} to ${saved.status}; post a new update to change its status.`,
        { field: 'display_at' },
      );
    }
    await saveIncidentUpdateFields(trx, edited);
    if (newAt !== target.displayAt) await moveUpdateEffectiveTimes(trx, updateId, target.displayAt, newAt);
    await saveIncident(trx, saved);
    await touchPage(trx, incident.pageId, at);
    await audit(trx, app, actor, {
      action: 'incident_update.edited',
      targetType: 'incident_update',
      targetId: updateId,
      pageId: incident.pageId,
      before: { body: target.body, display_at: target.displayAt },
      after: { body: edited.body, display_at: edited.displayAt },
    });
    return { value: await loadIncidentDetail(trx, incidentId, now), changedPageIds: [incident.pageId] };
  });
}
