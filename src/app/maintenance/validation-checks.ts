import {
  combineChecks,
  judgeMonitorPassing,
  judgeMonitorWatching,
  urlCheck,
  type ValidationCheck,
} from '../../core/maintenance-validation.js';
import { watchedMonitors } from '../../core/maintenance-watch.js';
import type { CheckResult, Maintenance } from '../../core/model.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { listCheckResults } from '../../store/check-results-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { AppContext } from '../context.js';

/** How the clock reaches the network and the monitoring engine (injected: tests pass loopback targets). */
export interface ValidationDeps {
  checkUrl: (url: string) => Promise<CheckResult>;
  /** Ask the monitoring engine to run these monitors promptly; absent where it offers no way. */
  recheckMonitors?: (monitorIds: readonly string[]) => void;
}

/** What a validation run found, and which targets it looked at (for the texts it leads to). */
export interface ValidationRun {
  check: ValidationCheck;
  /** "https://…/health and API health": what was checked, in words. */
  targets: string;
  /** How many targets were checked (0: the maintenance names none, and no monitor watches its components). */
  checked: number;
}

/** Whether a maintenance names anything to validate its windows with. */
export function hasValidationTargets(m: Maintenance): boolean {
  return m.validationUrl !== null || m.validationMonitorIds.length > 0;
}

/**
 * Check a window's validation targets, outside any transaction (a slow target must not hold the
 * database). `verify`: the URL answers 2xx and every validation monitor has passing results taken
 * after `since` (the window's end); monitors not passing yet are asked for a prompt re-check.
 * `watch`: the same URL, plus the validation monitors and every monitor on the affected components,
 * each failing only once its own threshold of failures in a row is reached after `since` (the
 * completion). Deleted and paused monitors are left out.
 */
export async function runValidationChecks(
  app: AppContext,
  deps: ValidationDeps,
  m: Maintenance,
  since: string,
  mode: 'verify' | 'watch',
): Promise<ValidationRun> {
  const now = app.now().toISOString();
  const live = (await listMonitors(app.db, { pageId: m.pageId })).filter((x) => !x.paused);
  const monitors =
    mode === 'verify'
      ? m.validationMonitorIds.flatMap((id) => live.filter((x) => x.id === id))
      : watchedMonitors(m, live);
  const parts: ValidationCheck[] = [];
  if (m.validationUrl) parts.push(urlCheck(m.validationUrl, await deps.checkUrl(m.validationUrl), monitors.length > 0));
  const notPassing: string[] = [];
  for (const monitor of monitors) {
    const part = await judgeMonitor(app, monitor, since, now, mode);
    if (!part.ok) notPassing.push(monitor.id);
    parts.push(part);
  }
  if (mode === 'verify' && notPassing.length > 0) deps.recheckMonitors?.(notPassing);
  const names = [...(m.validationUrl ? [m.validationUrl] : []), ...monitors.map((x) => x.name)];
  return { check: combineChecks(parts, now), targets: names.join(' and '), checked: parts.length };
}

async function judgeMonitor(
  app: AppContext,
  monitor: Monitor,
  since: string,
  now: string,
  mode: 'verify' | 'watch',
): Promise<ValidationCheck> {
  // Taken strictly after `since`: a check that ran during the window proves nothing about after it.
  const results = (await listCheckResults(app.db, { monitorId: monitor.id, from: since, to: now, limit: 100 })).filter(
    (r) => r.at > since,
  );
  const evidence = { id: monitor.id, name: monitor.name, failureThreshold: monitor.failureThreshold, results };
  return mode === 'verify' ? judgeMonitorPassing(evidence, now) : judgeMonitorWatching(evidence, now);
}
