import type { Actor, ComponentRef, Maintenance, MaintenanceNotify } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import type { RecurrenceSpec } from '../../core/recurrence.js';
import { insertMaintenance, listMaintenances, moveOccurrence } from '../../store/maintenances-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { resolvePage } from '../pages/resolve-page.js';
import { audit, runWrite } from '../transaction.js';
import {
  checkComponentRefs,
  checkFollowUpSettings,
  checkValidationMonitors,
  checkWindow,
} from './maintenance-fields.js';
import { materializeOccurrences } from './materialize-occurrences.js';

/** Input for a maintenance window: either `scheduledFor`/`scheduledUntil`, or `recurrence`. */
export interface CreateMaintenanceInput {
  pageId?: string | null;
  name: string;
  message: string;
  componentIds?: string[];
  /** Per-segment targets, in addition to whole components. */
  components?: Array<{ componentId: string; segmentId?: string | null }>;
  scheduledFor?: string | null;
  scheduledUntil?: string | null;
  recurrence?: RecurrenceSpec | null;
  impact?: Maintenance['impact'];
  autoStart?: boolean;
  autoComplete?: boolean;
  validationUrl?: string | null;
  /** Monitors of the page that must pass after each window before it completes. */
  validationMonitorIds?: string[];
  validationGraceMinutes?: number;
  /** Minutes after each window completes during which its components are watched closely. */
  watchMinutes?: number;
  /** Per-window notifications (default: no reminder, start and end announced). */
  notify?: Partial<MaintenanceNotify>;
}

/** Whole components and per-segment targets as one list of references. */
export function componentRefsOf(input: Pick<CreateMaintenanceInput, 'componentIds' | 'components'>): ComponentRef[] {
  return [
    ...(input.componentIds ?? []).map((componentId) => ({ componentId, segmentId: null })),
    ...(input.components ?? []).map((c) => ({ componentId: c.componentId, segmentId: c.segmentId ?? null })),
  ];
}

/**
 * Schedule maintenance. A one-off window that is already over when entered is recorded as
 * completed history (it never puts components under maintenance today).
 */
export async function createMaintenance(
  app: AppContext,
  actor: Actor,
  input: CreateMaintenanceInput,
): Promise<Maintenance> {
  requireRole(actor, 'editor');
  const now = app.now();
  const at = now.toISOString();
  const window = checkWindow(input);
  checkFollowUpSettings(input);
  return runWrite(app, async (trx) => {
    const page = await resolvePage(trx, input.pageId);
    const components = await checkComponentRefs(trx, page.id, componentRefsOf(input));
    const validationMonitorIds = await checkValidationMonitors(trx, page.id, input.validationMonitorIds ?? []);
    const maintenance: Maintenance = {
      id: app.newId(),
      pageId: page.id,
      name: input.name,
      message: input.message,
      impact: input.impact ?? 'maintenance',
      kind: window.recurrence ? 'recurring' : 'one_off',
      scheduledFor: window.scheduledFor,
      scheduledUntil: window.scheduledUntil,
      recurrence: window.recurrence,
      autoStart: input.autoStart ?? true,
      autoComplete: input.autoComplete ?? true,
      validationUrl: input.validationUrl ?? null,
      validationGraceMinutes: input.validationGraceMinutes ?? 15,
      validationMonitorIds,
      watchMinutes: input.watchMinutes ?? 0,
      notify: {
        reminderHours: input.notify?.reminderHours ?? null,
        start: input.notify?.start ?? true,
        end: input.notify?.end ?? true,
      },
      components,
      createdAt: at,
      updatedAt: at,
    };
    await insertMaintenance(trx, maintenance);
    const occurrences = await materializeOccurrences(trx, app, maintenance, now);
    // Entered after the fact: record it as done without touching today's statuses.
    for (const o of occurrences) {
      if (Date.parse(o.endsAt) <= now.getTime()) {
        await moveOccurrence(trx, o.id, 'scheduled', 'completed', { at, startedAt: o.startsAt, finishedAt: o.endsAt });
      }
    }
    await touchPage(trx, page.id, at);
    const [saved] = await listMaintenances(trx, { ids: [maintenance.id] });
    await audit(trx, app, actor, {
      action: 'maintenance.created',
      targetType: 'maintenance',
      targetId: maintenance.id,
      pageId: page.id,
      after: saved,
    });
    return { value: saved!, changedPageIds: [page.id] };
  });
}
