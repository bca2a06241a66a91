import { invalid } from './errors.js';
import type { ComponentRef } from './model.js';
import { runEveryMs, type Monitor } from './monitor-definition.js';

// The watch period after maintenance, pure. Seed 000's outage began hours after a maintenance that
// "completed successfully": for `watch_minutes` after a window completes, its components' monitors
// run more often, its validation checks keep running on every clock tick, and the first real
// failure opens an incident at once that names the maintenance.

/** The longest watch: a week. */
export const MAX_WATCH_MINUTES = 10_080;

/** During a watch, monitors run at least this often (or at their own interval when it is shorter). */
export const WATCH_CHECK_EVERY_MS = 30_000;

/** Refuse a watch length outside 0..10080 minutes. */
export function validateWatchMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_WATCH_MINUTES) {
    throw invalid(
      'INVALID_WATCH_MINUTES',
      'watch_minutes must be a whole number from 0 (no watch) to 10080 (a week).',
      { field: 'watch_minutes' },
    );
  }
}

/** When the watch of a window completed at `finishedAt` ends; null when there is none. */
export function watchUntil(finishedAt: string, watchMinutes: number): string | null {
  if (watchMinutes <= 0) return null;
  return new Date(Date.parse(finishedAt) + watchMinutes * 60_000).toISOString();
}

/** The part of an occurrence the watch looks at. */
export interface WatchedWindow {
  status: string;
  watchUntil: string | null;
  watchIncidentId: string | null;
}

/** True while a completed window is under watch and nothing has failed during it yet. */
export function isWatching(w: WatchedWindow, now: Date): boolean {
  return (
    w.status === 'completed' &&
    w.watchUntil !== null &&
    Date.parse(w.watchUntil) > now.getTime() &&
    w.watchIncidentId === null
  );
}

/**
 * Whether a maintenance target covers a monitor: the same component, and either side naming no
 * segment or both the same one (the rule that holds monitor incidents back during maintenance).
 */
export function refCovers(ref: ComponentRef, monitor: Pick<Monitor, 'componentId' | 'segmentId'>): boolean {
  if (ref.componentId !== monitor.componentId) return false;
  return ref.segmentId === null || monitor.segmentId === null || ref.segmentId === monitor.segmentId;
}

/** The monitors a window keeps a close eye on: those on its components and its validation monitors. */
export function watchedMonitors<M extends Pick<Monitor, 'id' | 'componentId' | 'segmentId'>>(
  window: { components: readonly ComponentRef[]; validationMonitorIds: readonly string[] },
  monitors: readonly M[],
): M[] {
  return monitors.filter(
    (m) => window.validationMonitorIds.includes(m.id) || window.components.some((ref) => refCovers(ref, m)),
  );
}

/** How often a watched monitor runs: every 30 s at most, or at its own interval when shorter. */
export function watchCadenceMs(monitor: Pick<Monitor, 'type' | 'intervalSeconds' | 'periodSeconds'>): number {
  return Math.min(runEveryMs(monitor), WATCH_CHECK_EVERY_MS);
}

/** "3 h", "3 h 20 min", "45 min", "less than a minute". */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * The incident a failure during the watch opens: its name and first update say how long after
 * which maintenance the failure came, and what failed ("API failing 3 h after maintenance
 * "Network migration" completed").
 */
export function watchIncidentText(input: {
  maintenanceName: string;
  componentNames: readonly string[];
  finishedAt: string;
  now: Date;
  reason: string;
}): { name: string; message: string } {
  const elapsed = formatElapsed(input.now.getTime() - Date.parse(input.finishedAt));
  const what = input.componentNames.length > 0 ? input.componentNames.join(', ') : 'Services';
  const after = `${elapsed} after maintenance "${input.maintenanceName}" completed`;
  return {
    name: `${what} failing ${after}`,
    message:
      `${what} failing ${after} (at ${input.finishedAt}): ${input.reason}. ` +
      'We are watching these services closely after the maintenance and are investigating.',
  };
}
