import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.js';
import { createMaintenance } from '../app/maintenance/create-maintenance.js';
import { deleteMaintenance } from '../app/maintenance/delete-maintenance.js';
import { updateMaintenance, type UpdateMaintenanceInput } from '../app/maintenance/update-maintenance.js';
import { resolvePage } from '../app/pages/resolve-page.js';
import type { Actor } from '../core/model.js';
import { listMaintenances, listOccurrences } from '../store/maintenances-store.js';

/** Usage of `pharos maintenance`. */
export const MAINTENANCE_HELP = `Usage:
  pharos maintenance list [--page PAGE_ID]
  pharos maintenance create --name NAME --message TEXT [--component ID ...]
        (--from ISO --until ISO | --rule RRULE --tz ZONE --local-start YYYY-MM-DDTHH:mm --duration MINUTES)
        [--validation-url URL] [--validation-monitor MONITOR_ID ...] [--watch-minutes N] [--page PAGE_ID]
  pharos maintenance edit ID [--name NAME] [--message TEXT] [--component ID ...]
        [--from ISO] [--until ISO] [--rule RRULE] [--tz ZONE] [--local-start YYYY-MM-DDTHH:mm] [--duration MINUTES]
        [--validation-url URL|none] [--validation-monitor MONITOR_ID ...|--no-validation-monitors]
        [--watch-minutes N]
                                      changes only what is given; a series' new rule re-plans its
                                      windows that have not started
  pharos maintenance delete ID        cancels every window not yet finished

Example: pharos maintenance create --name "Routine maintenance" --message "Weekly checks" \\
  --rule 'FREQ=WEEKLY;BYDAY=SA' --tz Europe/Paris --local-start 2026-01-03T17:00 --duration 300
`;

/** `pharos maintenance …`: schedule and inspect maintenance from a terminal. */
export async function runMaintenanceCommand(
  app: AppContext,
  actor: Actor,
  args: string[],
  out: (text: string) => void,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      page: { type: 'string' },
      name: { type: 'string' },
      message: { type: 'string' },
      component: { type: 'string', multiple: true },
      from: { type: 'string' },
      until: { type: 'string' },
      rule: { type: 'string' },
      tz: { type: 'string' },
      'local-start': { type: 'string' },
      duration: { type: 'string' },
      'validation-url': { type: 'string' },
      'validation-monitor': { type: 'string', multiple: true },
      'no-validation-monitors': { type: 'boolean' },
      'watch-minutes': { type: 'string' },
    },
  });
  if (sub === 'list') {
    const page = await resolvePage(app.db, values.page);
    for (const m of await listMaintenances(app.db, { pageId: page.id })) {
      const next = (
        await listOccurrences(app.db, {
          maintenanceIds: [m.id],
          statuses: ['scheduled', 'in_progress', 'verifying'],
          limit: 1,
          order: 'asc',
        })
      )[0];
      const when = m.recurrence
        ? `${m.recurrence.rule} at ${m.recurrence.startsAtLocal.slice(11)} ${m.recurrence.timeZone}`
        : `${m.scheduledFor} → ${m.scheduledUntil}`;
      out(`${m.id}\t${m.name}\t${when}\tnext: ${next ? `${next.startsAt} (${next.status})` : 'none'}\n`);
    }
    return 0;
  }
  if (sub === 'create') {
    if (!values.name || !values.message) {
      out(MAINTENANCE_HELP);
      return 2;
    }
    const recurrence = values.rule
      ? {
          rule: values.rule,
          timeZone: values.tz ?? 'UTC',
          startsAtLocal: values['local-start'] ?? '',
          durationMinutes: Number(values.duration ?? 'NaN'),
        }
      : null;
    const created = await createMaintenance(app, actor, {
      pageId: values.page,
      name: values.name,
      message: values.message,
      componentIds: values.component ?? [],
      scheduledFor: values.from,
      scheduledUntil: values.until,
      recurrence,
      validationUrl: values['validation-url'],
      validationMonitorIds: values['validation-monitor'],
      watchMinutes: values['watch-minutes'] === undefined ? undefined : Number(values['watch-minutes']),
    });
    out(`${created.id}\n`);
    return 0;
  }
  if (sub === 'edit' && positionals[0]) {
    const edited = await updateMaintenance(app, actor, positionals[0], editInput(values));
    out(`${edited.id}\t${edited.name}\tupdated ${edited.updatedAt}\n`);
    return 0;
  }
  if (sub === 'delete' && positionals[0]) {
    await deleteMaintenance(app, actor, positionals[0]);
    return 0;
  }
  out(MAINTENANCE_HELP);
  return 2;
}

/** The edit the options ask for: only what was given changes. */
function editInput(values: {
  name?: string;
  message?: string;
  component?: string[];
  from?: string;
  until?: string;
  rule?: string;
  tz?: string;
  'local-start'?: string;
  duration?: string;
  'validation-url'?: string;
  'validation-monitor'?: string[];
  'no-validation-monitors'?: boolean;
  'watch-minutes'?: string;
}): UpdateMaintenanceInput {
  const recurrence = {
    ...(values.rule !== undefined ? { rule: values.rule } : {}),
    ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
    ...(values['local-start'] !== undefined ? { startsAtLocal: values['local-start'] } : {}),
    ...(values.duration !== undefined ? { durationMinutes: Number(values.duration) } : {}),
  };
  const url = values['validation-url'];
  return {
    name: values.name,
    message: values.message,
    componentIds: values.component,
    scheduledFor: values.from,
    scheduledUntil: values.until,
    recurrence: Object.keys(recurrence).length > 0 ? recurrence : undefined,
    validationUrl: url === undefined ? undefined : url === 'none' ? null : url,
    validationMonitorIds: values['no-validation-monitors'] ? [] : values['validation-monitor'],
    watchMinutes: values['watch-minutes'] === undefined ? undefined : Number(values['watch-minutes']),
  };
}
