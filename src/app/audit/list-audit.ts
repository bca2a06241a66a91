import type { Actor, AuditEntry } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { listAudit as listAuditRows, type AuditFilter } from '../../store/audit-store.js';
import type { AppContext } from '../context.js';

/** Read the audit log, newest first (admins only: it holds before/after copies of every change). */
export async function listAudit(app: AppContext, actor: Actor, filter: AuditFilter): Promise<AuditEntry[]> {
  requireRole(actor, 'admin');
  return listAuditRows(app.db, filter);
}
