import type { Monitor, MonitorType } from '../../core/monitor-definition.js';
import type { Actor } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { insertMonitor } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';
import { hashSecret, newTokenSecret } from '../tokens/token-secret.js';
import { audit, runWrite } from '../transaction.js';
import { auditView, buildMonitor, type MonitorInput } from './monitor-fields.js';
import { formatPushToken } from './push-token.js';

/** A new monitor, and for a heartbeat its push token (shown once, only its hash is kept). */
export interface CreatedMonitor {
  monitor: Monitor;
  pushToken: string | null;
}

/** Create a monitor on a component. A heartbeat monitor gets a secret push token. */
export async function createMonitor(
  app: AppContext,
  actor: Actor,
  input: MonitorInput & { type: MonitorType; name: string; componentId: string },
): Promise<CreatedMonitor> {
  requireRole(actor, 'editor');
  const id = app.newId();
  const at = app.now().toISOString();
  const secret = input.type === 'heartbeat' ? newTokenSecret() : null;
  const hash = secret ? await hashSecret(secret) : null;
  return runWrite(app, async (trx) => {
    const monitor = await buildMonitor(trx, { id, type: input.type, createdAt: at }, input, at);
    await insertMonitor(trx, monitor, hash);
    await audit(trx, app, actor, {
      action: 'monitor.created',
      targetType: 'monitor',
      targetId: id,
      pageId: monitor.pageId,
      after: auditView(monitor),
    });
    return { value: { monitor, pushToken: secret ? formatPushToken(id, secret) : null }, changedPageIds: [] };
  });
}
