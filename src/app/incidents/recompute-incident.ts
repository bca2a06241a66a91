import { computeIncidentImpact } from '../../core/incident-impact.js';
import { deriveIncidentTimes } from '../../core/incident-lifecycle.js';
import type { Incident, IncidentUpdate } from '../../core/model.js';

/**
 * An incident's derived fields from its updates: its status is the status of the latest update by
 * display time, its timestamps follow the updates' display times, and its impact is the worst the
 * incident ever gave a component (unless overridden).
 */
export function recomputeIncident(incident: Incident, updates: readonly IncidentUpdate[], at: string): Incident {
  const ordered = [...updates].sort((a, b) => a.displayAt.localeCompare(b.displayAt) || a.sequence - b.sequence);
  const latest = ordered[ordered.length - 1]!;
  const times = deriveIncidentTimes(ordered);
  const statuses = updates.flatMap((u) => u.affectedComponents.map((a) => a.newStatus));
  return {
    ...incident,
    status: latest.status,
    impact: computeIncidentImpact(statuses, incident.impactOverride),
    startedAt: times.startedAt,
    monitoringAt: times.monitoringAt,
    resolvedAt: times.resolvedAt,
    updatedAt: at,
  };
}
