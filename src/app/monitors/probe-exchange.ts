import type { Actor } from '../../core/model.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { invalid } from '../../core/errors.js';
import { requireProbe } from '../../core/permissions.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';
import { recordCheckResults, type IncomingResult } from './record-check-results.js';

/** The monitors a probe at `location` should run: live, not paused, naming the location; no heartbeats. */
export async function listProbeAssignments(app: AppContext, actor: Actor, location: string): Promise<Monitor[]> {
  requireProbe(actor);
  assertRemote(location);
  const monitors = await listMonitors(app.db);
  return monitors.filter((m) => !m.paused && m.type !== 'heartbeat' && m.locations.includes(location));
}

/** What accepting a probe's batch did. */
export interface AcceptedBatch {
  stored: number;
  /** Already stored (a resend) or for a monitor that does not run at this location (any more). */
  ignored: number;
  recheck: string[];
}

/**
 * Accept a batch of results from a probe at `location`. Resending a batch is harmless: results are
 * keyed by the probe's result id. Results for monitors that do not run at this location are dropped.
 */
export async function acceptProbeResults(
  app: AppContext,
  actor: Actor,
  location: string,
  results: readonly Omit<IncomingResult, 'location'>[],
): Promise<AcceptedBatch> {
  requireProbe(actor);
  assertRemote(location);
  const monitors = await listMonitors(app.db, { ids: [...new Set(results.map((r) => r.monitorId))] });
  const here = new Map(monitors.filter((m) => m.locations.includes(location)).map((m) => [m.id, m]));
  const batch = results.filter((r) => here.has(r.monitorId)).map((r) => ({ ...r, location }));
  const recorded = await recordCheckResults(app, batch, here);
  return { stored: recorded.stored, ignored: results.length - recorded.stored, recheck: [...recorded.recheck] };
}

/** `local` is the server's own location: a probe speaking for it would mix two places into one. */
function assertRemote(location: string): void {
  if (location === 'local') {
    throw invalid(
      'PROBE_LOCATION_RESERVED',
      'The location "local" is the server itself; give the probe another name.',
      {
        field: 'location',
      },
    );
  }
}
