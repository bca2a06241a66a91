import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { markIncidentDeleted } from '../../store/incidents-store.js';
import { touchPage } from '../../store/pages-store.js';
import { clearStatusSource } from '../../store/status-sources-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { requireIncident } from './require-incident.js';

/** Delete an incident (posted by mistake): it disappears from the page and releases its components. */
export async function deleteIncident(app: AppContext, actor: Actor, incidentId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const incident = await requireIncident(trx, incidentId);
    const at = app.now().toISOString();
    await clearStatusSource(trx, 'incident', incidentId);
    await markIncidentDeleted(trx, incidentId, at);
    await touchPage(trx, incident.pageId, at);
    await audit(trx, app, actor, {
      action: 'incident.deleted',
      targetType: 'incident',
      targetId: incidentId,
      pageId: incident.pageId,
      before: incident,
    });
    return { value: undefined, changedPageIds: [incident.pageId] };
  });
}
