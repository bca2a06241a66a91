import { notFound } from '../../core/errors.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { findMonitor } from '../../store/monitors-store.js';
import type { Db } from '../context.js';

/** A live monitor, or MONITOR_NOT_FOUND. */
export async function requireMonitor(db: Db, id: string): Promise<Monitor> {
  const monitor = await findMonitor(db, id);
  if (!monitor) throw notFound('MONITOR_NOT_FOUND', `No monitor has the id "${id}".`);
  return monitor;
}
