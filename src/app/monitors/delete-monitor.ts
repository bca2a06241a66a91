import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { markMonitorDeleted } from '../../store/monitors-store.js';
import { clearStatusSource } from '../../store/status-sources-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { auditView } from './monitor-fields.js';
import { requireMonitor } from './require-monitor.js';

/**
 * Delete a monitor: it stops running and releases the status it held. An automatic incident it
 * opened stays for people to resolve (it is part of the page's history).
 */
export async function deleteMonitor(app: AppContext, actor: Actor, monitorId: string): Promise<void> {
  requireRole(actor, 'editor');
  await runWrite(app, async (trx) => {
    const monitor = await requireMonitor(trx, monitorId);
    const at = app.now().toISOString();
    await markMonitorDeleted(trx, monitorId, at);
    await clearStatusSource(trx, 'monitor', monitorId);
    await touchPage(trx, monitor.pageId, at);
    await audit(trx, app, actor, {
      action: 'monitor.deleted',
      targetType: 'monitor',
      targetId: monitorId,
      pageId: monitor.pageId,
      before: auditView(monitor),
    });
    return { value: undefined, changedPageIds: [monitor.pageId] };
  });
}
