import { worstStatus, type ComponentStatus } from './component-status.js';
import type { IncidentImpact } from './incident-lifecycle.js';

/**
 * The impact an incident has from the statuses it gave its components, Statuspage's rule: any major
 * outage is critical, any partial outage major, any degraded performance minor, otherwise none.
 * An explicit override, when set, wins.
 */
export function computeIncidentImpact(
  statuses: readonly ComponentStatus[],
  override: IncidentImpact | null = null,
): IncidentImpact {
  if (override) return override;
  switch (worstStatus(statuses)) {
    case 'major_outage':
      return 'critical';
    case 'partial_outage':
      return 'major';
    case 'degraded_performance':
      return 'minor';
    default:
      return 'none';
  }
}
