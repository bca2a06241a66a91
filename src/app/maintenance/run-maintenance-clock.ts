import { dueTransition } from '../../core/maintenance-lifecycle.js';
import { validationSince, type ValidationCheck } from '../../core/maintenance-validation.js';
import { isWatching } from '../../core/maintenance-watch.js';
import type { Actor } from '../../core/model.js';
import { findOccurrence, listMaintenances, listOccurrences } from '../../store/maintenances-store.js';
import { bumpPageVersion } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { materializeOccurrences } from './materialize-occurrences.js';
import { remindOccurrences } from './remind-occurrences.js';
import { transitionOccurrence } from './transition-occurrence.js';
import { hasValidationTargets, runValidationChecks, type ValidationDeps } from './validation-checks.js';
import { verifyOccurrence, type VerifyOutcome } from './verify-occurrence.js';
import { watchOccurrence, type WatchOutcome } from './watch-occurrence.js';

/** The actor recorded for transitions the clock makes. */
export const MAINTENANCE_CLOCK: Actor = { type: 'system', id: null, name: 'maintenance clock', role: 'admin' };

/** What one tick did. */
export interface ClockTick {
  materialized: number;
  transitions: Array<{ occurrenceId: string; to: string }>;
  /** Windows whose post-maintenance validation ran, and what came of it (`alerted`: the team was told now). */
  verifications: Array<{ occurrenceId: string; outcome: VerifyOutcome; check: ValidationCheck; alerted?: boolean }>;
  /** Completed windows under watch that were checked, and what came of it. */
  watches?: Array<{ occurrenceId: string; outcome: WatchOutcome; check: ValidationCheck }>;
  /** Windows whose subscribers were reminded on this tick. */
  reminded?: string[];
}

/**
 * How the clock checks a validation URL (real HTTP in production, loopback targets in tests) and,
 * where the monitoring engine offers it, asks for a prompt re-check of validation monitors.
 */
export interface ClockDeps extends ValidationDeps {
  /**
   * Whether this tick writes out upcoming windows of recurring series. The loop does it once an
   * hour (windows are written 35 days ahead; creating a series writes its own at once).
   */
  materialize?: boolean;
}

/**
 * One tick of the maintenance clock: write out upcoming windows of recurring series, then apply
 * every transition that is due, each in its own transaction. Safe to run on several nodes at once
 * and after a restart: materialising is idempotent and transitions are compare-and-set.
 */
export async function runMaintenanceClock(app: AppContext, deps: ClockDeps): Promise<ClockTick> {
  const now = app.now();
  const tick: ClockTick = { materialized: 0, transitions: [], verifications: [] };
  const series = await listMaintenances(app.db, {});
  for (const m of series.filter((s) => s.kind === 'recurring' && deps.materialize !== false)) {
    tick.materialized += (await app.db.transaction().execute((trx) => materializeOccurrences(trx, app, m, now))).length;
  }

  const reminded = await remindOccurrences(app, series, now);
  if (reminded.length > 0) tick.reminded = reminded;

  const due = await listOccurrences(app.db, {
    statuses: ['scheduled', 'in_progress'],
    startsBy: now.toISOString(),
    limit: 500,
    order: 'asc',
  });
  const byId = new Map(series.map((m) => [m.id, m]));
  const changedPages = new Set<string>();
  for (const candidate of due) {
    const maintenance = byId.get(candidate.maintenanceId);
    if (!maintenance) continue;
    // A window missed entirely (Pharos was down) takes one step per pass: start, then end.
    for (let step = 0; step < 2; step++) {
      const moved = await app.db.transaction().execute(async (trx) => {
        const current = await findOccurrence(trx, candidate.id);
        if (!current) return null;
        const policy = {
          autoStart: maintenance.autoStart,
          autoComplete: maintenance.autoComplete,
          requiresValidation: hasValidationTargets(maintenance),
        };
        const to = dueTransition(current, policy, now.toISOString());
        if (!to) return null;
        const applied = await transitionOccurrence(trx, app, MAINTENANCE_CLOCK, maintenance, current, {
          to,
          automatic: true,
        });
        return applied ? to : null;
      });
      if (!moved) break;
      tick.transitions.push({ occurrenceId: candidate.id, to: moved });
      changedPages.add(candidate.pageId);
    }
  }
  // Published before validation runs: its checks can take seconds, and the page should not lag them.
  await publishPages(app, changedPages);
  changedPages.clear();
  // Validation runs outside any transaction: a slow target must not hold the database.
  const verifying = await listOccurrences(app.db, { statuses: ['verifying'], limit: 200, order: 'asc' });
  for (const occurrence of verifying) {
    const maintenance = byId.get(occurrence.maintenanceId);
    // A window put in `verifying` by hand without targets waits for an operator.
    if (!maintenance || !hasValidationTargets(maintenance)) continue;
    const run = await runValidationChecks(app, deps, maintenance, validationSince(occurrence), 'verify');
    const { outcome, alerted } = await verifyOccurrence(
      app,
      MAINTENANCE_CLOCK,
      maintenance,
      occurrence.id,
      run.check,
      run.targets,
    );
    tick.verifications.push({
      occurrenceId: occurrence.id,
      outcome,
      check: run.check,
      ...(alerted ? { alerted } : {}),
    });
    if (outcome === 'completed' || outcome === 'incident_opened') changedPages.add(occurrence.pageId);
    if (outcome === 'completed') tick.transitions.push({ occurrenceId: occurrence.id, to: 'completed' });
  }
  // The watch after completion (seed 000): the same checks on every tick, and the first real failure opens an incident.
  const watched = await listOccurrences(app.db, {
    statuses: ['completed'],
    watchedAt: now.toISOString(),
    limit: 200,
    order: 'asc',
  });
  for (const occurrence of watched.filter((o) => isWatching(o, now))) {
    const maintenance = byId.get(occurrence.maintenanceId);
    if (!maintenance) continue;
    const since = occurrence.finishedAt ?? occurrence.endsAt;
    const run = await runValidationChecks(app, deps, maintenance, since, 'watch');
    if (run.checked === 0) continue;
    const outcome = await watchOccurrence(app, MAINTENANCE_CLOCK, maintenance, occurrence.id, run.check);
    (tick.watches ??= []).push({ occurrenceId: occurrence.id, outcome, check: run.check });
    if (outcome === 'incident_opened' || outcome === 'incident_adopted') changedPages.add(occurrence.pageId);
  }
  await publishPages(app, changedPages);
  return tick;
}

/** Rebuild this node's snapshots of the pages; other processes (HTTP workers, nodes) learn of them from the counter. */
async function publishPages(app: AppContext, pageIds: ReadonlySet<string>): Promise<void> {
  for (const pageId of pageIds) {
    await bumpPageVersion(app.db, pageId, app.now().toISOString());
    await app.onPageChanged(pageId);
  }
}
