import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.js';
import { createMonitor } from '../app/monitors/create-monitor.js';
import { deleteMonitor } from '../app/monitors/delete-monitor.js';
import { resolvePage } from '../app/pages/resolve-page.js';
import { invalid } from '../core/errors.js';
import type { Actor } from '../core/model.js';
import { MONITOR_TYPES, type MonitorType } from '../core/monitor-definition.js';
import { loadMonitorStates } from '../store/monitor-states-store.js';
import { listMonitors } from '../store/monitors-store.js';

/** Usage of `pharos monitor`. */
export const MONITOR_HELP = `Usage:
  pharos monitor list [--page PAGE_ID]
  pharos monitor create --type http|tcp|dns|tls|heartbeat --name NAME --component ID
        [--url URL] [--host HOST] [--port PORT] [--interval SECONDS] [--timeout MS]
        [--location NAME ...] [--period SECONDS] [--grace SECONDS]
  pharos monitor delete ID

Other fields (keyword, JSON path, thresholds, dependencies…) are set through the API.
`;

/** `pharos monitor …`: list, create and delete monitors from a terminal. */
export async function runMonitorCommand(
  app: AppContext,
  actor: Actor,
  args: string[],
  out: (text: string) => void,
  publicUrl: string,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      page: { type: 'string' },
      type: { type: 'string' },
      name: { type: 'string' },
      component: { type: 'string' },
      url: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      interval: { type: 'string' },
      timeout: { type: 'string' },
      location: { type: 'string', multiple: true },
      period: { type: 'string' },
      grace: { type: 'string' },
    },
  });
  if (sub === 'list') {
    const page = await resolvePage(app.db, values.page);
    const monitors = await listMonitors(app.db, { pageId: page.id });
    const states = await loadMonitorStates(
      app.db,
      monitors.map((m) => m.id),
    );
    for (const m of monitors) {
      const target = m.settings.url ?? (m.settings.host ? `${m.settings.host}:${m.settings.port ?? ''}` : 'push');
      const state = m.paused ? 'paused' : (states.get(m.id)?.evaluation.state ?? 'unknown');
      out(
        `${m.id}\t${m.type}\t${state}\tevery ${m.intervalSeconds}s\t${m.locations.join(',')}\t${m.name}\t${target}\n`,
      );
    }
    return 0;
  }
  if (sub === 'create') {
    if (!values.type || !values.name || !values.component) {
      out(MONITOR_HELP);
      return 2;
    }
    if (!(MONITOR_TYPES as readonly string[]).includes(values.type)) {
      throw invalid('INVALID_MONITOR', `--type must be one of ${MONITOR_TYPES.join(', ')}.`, { field: 'type' });
    }
    const created = await createMonitor(app, actor, {
      type: values.type as MonitorType,
      name: values.name,
      componentId: values.component,
      settings: { url: values.url ?? null, host: values.host ?? null, port: optionalNumber(values.port) },
      intervalSeconds: optionalNumber(values.interval) ?? undefined,
      timeoutMs: optionalNumber(values.timeout) ?? undefined,
      locations: values.location,
      periodSeconds: optionalNumber(values.period),
      graceSeconds: optionalNumber(values.grace),
    });
    out(`${created.monitor.id}\n`);
    if (created.pushToken) {
      out(`push URL (shown once): ${publicUrl.replace(/\/+$/, '')}/api/v1/heartbeat/${created.pushToken}\n`);
    }
    return 0;
  }
  if (sub === 'delete' && positionals[0]) {
    await deleteMonitor(app, actor, positionals[0]);
    return 0;
  }
  out(MONITOR_HELP);
  return 2;
}

function optionalNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n)) throw invalid('INVALID_MONITOR', `"${value}" is not a whole number.`);
  return n;
}
