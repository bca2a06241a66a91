import { conflict, invalid, notFound } from '../../core/errors.js';
import type { Actor, Maintenance, MaintenanceNotify, MaintenanceOccurrence } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import type { RecurrenceSpec } from '../../core/recurrence.js';
import {
  listMaintenances,
  listOccurrences,
  replaceAnnouncement,
  rescheduleOccurrence,
  saveMaintenance,
} from '../../store/maintenances-store.js';
import { touchPage } from '../../store/pages-store.js';
import type { AppContext, Db } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { componentRefsOf } from './create-maintenance.js';
import {
  checkComponentRefs,
  checkFollowUpSettings,
  checkValidationMonitors,
  checkWindow,
} from './maintenance-fields.js';
import { rematerializeSeries, type Rematerialized } from './rematerialize-series.js';
import { holdComponents } from './transition-occurrence.js';

/** The fields an edit may change; anything left out stays as it is. */
export interface UpdateMaintenanceInput {
  name?: string;
  message?: string;
  /** Given together or alone, `componentIds` and `components` replace the affected components. */
  componentIds?: string[];
  components?: Array<{ componentId: string; segmentId?: string | null }>;
  /** One-off windows only, while the window has not started. */
  scheduledFor?: string;
  scheduledUntil?: string;
  /** Recurring series only: the parts given replace the current ones (`exceptions` as a whole). */
  recurrence?: Partial<RecurrenceSpec>;
  impact?: Maintenance['impact'];
  autoStart?: boolean;
  autoComplete?: boolean;
  validationUrl?: string | null;
  validationMonitorIds?: string[];
  validationGraceMinutes?: number;
  watchMinutes?: number;
  notify?: Partial<MaintenanceNotify>;
}

/**
 * Edit a maintenance in one transaction, with its audit row. Editing a series' rule or times
 * re-materialises its future windows (those not started); a one-off's times may change only while
 * its window is still scheduled. New components take effect at once on a window in progress.
 */
export async function updateMaintenance(
  app: AppContext,
  actor: Actor,
  maintenanceId: string,
  input: UpdateMaintenanceInput,
): Promise<Maintenance> {
  requireRole(actor, 'editor');
  checkFollowUpSettings(input);
  const now = app.now();
  const at = now.toISOString();
  return runWrite(app, async (trx) => {
    const [before] = await listMaintenances(trx, { ids: [maintenanceId] });
    if (!before) throw notFound('MAINTENANCE_NOT_FOUND', `No maintenance has the id "${maintenanceId}".`);
    const open = await listOccurrences(trx, {
      maintenanceIds: [maintenanceId],
      statuses: ['scheduled', 'in_progress', 'verifying'],
      limit: 1000,
      order: 'asc',
    });
    const when = nextWindow(before, input, now);
    const touchesComponents = input.componentIds !== undefined || input.components !== undefined;
    const after: Maintenance = {
      ...before,
      ...when,
      name: input.name ?? before.name,
      message: input.message ?? before.message,
      impact: input.impact ?? before.impact,
      autoStart: input.autoStart ?? before.autoStart,
      autoComplete: input.autoComplete ?? before.autoComplete,
      validationUrl: input.validationUrl === undefined ? before.validationUrl : input.validationUrl,
      validationGraceMinutes: input.validationGraceMinutes ?? before.validationGraceMinutes,
      validationMonitorIds:
        input.validationMonitorIds === undefined
          ? before.validationMonitorIds
          : await checkValidationMonitors(trx, before.pageId, input.validationMonitorIds),
      watchMinutes: input.watchMinutes ?? before.watchMinutes,
      notify: {
        reminderHours:
          input.notify?.reminderHours === undefined
            ? (before.notify?.reminderHours ?? null)
            : input.notify.reminderHours,
        start: input.notify?.start ?? before.notify?.start ?? true,
        end: input.notify?.end ?? before.notify?.end ?? true,
      },
      components: touchesComponents
        ? await checkComponentRefs(trx, before.pageId, componentRefsOf(input))
        : before.components,
      updatedAt: at,
    };
    await saveMaintenance(trx, after);

    let series: Rematerialized | null = null;
    if (before.kind === 'one_off' && when.scheduledFor !== undefined) {
      const [window] = await listOccurrences(trx, { maintenanceIds: [maintenanceId], limit: 1, order: 'asc' });
      await rescheduleOneOff(trx, window, when.scheduledFor!, when.scheduledUntil!, at);
    }
    if (before.kind === 'recurring' && when.recurrence !== undefined) {
      series = await rematerializeSeries(trx, app, after);
    }
    if (after.message !== before.message) {
      const scheduled = open.filter((o) => o.status === 'scheduled').map((o) => o.id);
      await replaceAnnouncement(trx, scheduled, before.message, after.message, at);
    }
    if (touchesComponents) {
      // A window in progress moves its hold to the new components at once.
      for (const o of open.filter((w) => w.status === 'in_progress' || w.status === 'verifying')) {
        await holdComponents(trx, before.components, o.id, false, at);
        await holdComponents(trx, after.components, o.id, true, at);
      }
    }
    await touchPage(trx, before.pageId, at);
    const [saved] = await listMaintenances(trx, { ids: [maintenanceId] });
    await audit(trx, app, actor, {
      action: 'maintenance.edited',
      targetType: 'maintenance',
      targetId: maintenanceId,
      pageId: before.pageId,
      before,
      after: series ? { ...saved, windows: series } : saved,
    });
    return { value: saved!, changedPageIds: [before.pageId] };
  });
}

/** The new "when" of the maintenance, or nothing when the edit leaves it alone. */
function nextWindow(
  m: Maintenance,
  input: UpdateMaintenanceInput,
  now: Date,
): Partial<Pick<Maintenance, 'scheduledFor' | 'scheduledUntil' | 'recurrence'>> {
  const movesOneOff = input.scheduledFor !== undefined || input.scheduledUntil !== undefined;
  if (m.kind === 'one_off') {
    if (input.recurrence) throw kindFixed('recurrence', 'This maintenance is a single window; it has no recurrence.');
    if (!movesOneOff) return {};
    const window = checkWindow({
      scheduledFor: input.scheduledFor ?? m.scheduledFor,
      scheduledUntil: input.scheduledUntil ?? m.scheduledUntil,
    });
    if (window.scheduledFor === m.scheduledFor && window.scheduledUntil === m.scheduledUntil) return {};
    if (Date.parse(window.scheduledUntil!) <= now.getTime()) {
      throw invalid(
        'MAINTENANCE_WINDOW_IN_PAST',
        `The new window would already be over (scheduled_until ${window.scheduledUntil}); move it to a time that has not ended, or cancel it.`,
        { field: 'scheduled_until' },
      );
    }
    return { scheduledFor: window.scheduledFor, scheduledUntil: window.scheduledUntil };
  }
  if (movesOneOff) {
    throw kindFixed(
      input.scheduledFor !== undefined ? 'scheduled_for' : 'scheduled_until',
      'This maintenance is a recurring series; change its recurrence (rule, time_zone, starts_at_local, duration_minutes, exceptions) instead.',
    );
  }
  if (!input.recurrence) return {};
  const defined = Object.fromEntries(Object.entries(input.recurrence).filter(([, v]) => v !== undefined));
  const merged: RecurrenceSpec = { ...m.recurrence!, ...defined };
  const { recurrence } = checkWindow({ recurrence: merged });
  return JSON.stringify(recurrence) === JSON.stringify(m.recurrence) ? {} : { recurrence };
}

/** Move a one-off's window; refused once it left `scheduled` (started, finished or cancelled). */
async function rescheduleOneOff(
  db: Db,
  window: MaintenanceOccurrence | undefined,
  startsAt: string,
  endsAt: string,
  at: string,
): Promise<void> {
  const moved =
    window?.status === 'scheduled' &&
    (await rescheduleOccurrence(db, window.id, {
      startsAt,
      endsAt,
      at,
      remindAgain: startsAt !== window.startsAt,
    }));
  if (!moved) {
    const status = window?.status ?? 'gone';
    throw conflict(
      'MAINTENANCE_WINDOW_STARTED',
      `This maintenance's window is ${status}; its times can no longer change. Post an update on the window to complete or cancel it, or schedule a new maintenance.`,
      { status },
    );
  }
}

function kindFixed(field: string, message: string) {
  return invalid('MAINTENANCE_KIND_FIXED', `${message} A maintenance cannot change between one-off and recurring.`, {
    field,
  });
}
