import type { IncidentImpact } from '../../core/incident-lifecycle.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { listIncidentUpdates, saveIncident } from '../../store/incidents-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { loadIncidentDetail, type IncidentDetail } from './load-incident-detail.js';
import { recomputeIncident } from './recompute-incident.js';
import { requireIncident } from './require-incident.js';

/** Fields of an incident that change without a new update. */
export interface UpdateIncidentInput {
  name?: string;
  /** Override the computed impact; `null` goes back to the computed value. */
  impact?: IncidentImpact | null;
}

/** Rename an incident or override its impact. */
export async function updateIncident(
  app: AppContext,
  actor: Actor,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<IncidentDetail> {
  requireRole(actor, 'editor');
  const now = app.now();
  return runWrite(app, async (trx) => {
    const incident = await requireIncident(trx, incidentId);
    const updates = await listIncidentUpdates(trx, [incidentId]);
    const edited = {
      ...incident,
      name: input.name ?? incident.name,
      impactOverride: input.impact === undefined ? incident.impactOverride : input.impact,
    };
    const saved = recomputeIncident(edited, updates, now.toISOString());
    await saveIncident(trx, saved);
    await touchPage(trx, incident.pageId, saved.updatedAt);
    await audit(trx, app, actor, {
      action: 'incident.edited',
      targetType: 'incident',
      targetId: incidentId,
      pageId: incident.pageId,
      before: { name: incident.name, impact: incident.impact, impact_override: incident.impactOverride },
      after: { name: saved.name, impact: saved.impact, impact_override: saved.impactOverride },
    });
    return { value: await loadIncidentDetail(trx, incidentId, now), changedPageIds: [incident.pageId] };
  });
}
