import type { ImpactChange } from './impact-timeline.js';
import type { StatusInterval } from './uptime.js';

/** A status interval of one component, or of one segment of it (`segmentId` set). */
export interface TrackInterval extends StatusInterval {
  componentId: string;
  segmentId: string | null;
}

/**
 * Turn one incident's recorded changes into status intervals: each change holds until the next
 * change on the same track (component, or component and segment) or until `until` (the incident's
 * resolution; `null` while it is open), the same reading the impact timeline makes. Operational
 * stretches are dropped: they are the absence of an interval.
 */
export function toStatusIntervals(
  changes: readonly ImpactChange[],
  until: string | null,
  incidentId: string,
): TrackInterval[] {
  const end = until === null ? Infinity : Date.parse(until);
  const tracks = new Map<string, ImpactChange[]>();
  for (const change of changes) {
    const key = `${change.componentId}\u0000${change.segmentId ?? ''}`;
    const list = tracks.get(key);
    if (list) list.push(change);
    else tracks.set(key, [change]);
  }
  const intervals: TrackInterval[] = [];
  for (const track of tracks.values()) {
    const sorted = [...track].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    sorted.forEach((change, i) => {
      const from = Date.parse(change.at);
      const next = i + 1 < sorted.length ? Date.parse(sorted[i + 1]!.at) : Infinity;
      const to = Math.min(next, end);
      if (change.status === 'operational' || to <= from) return;
      intervals.push({
        componentId: change.componentId,
        segmentId: change.segmentId,
        status: change.status,
        from: new Date(from).toISOString(),
        to: to === Infinity ? null : new Date(to).toISOString(),
        incidentId,
      });
    });
  }
  return intervals;
}
