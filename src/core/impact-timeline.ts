import { severityOf, worstStatus, type ComponentStatus } from './component-status.js';

/** One change of one component (optionally in one segment) recorded by an incident update. */
export interface ImpactChange {
  componentId: string;
  /** `null` for the whole component. */
  segmentId: string | null;
  status: ComponentStatus;
  /** When the change took effect (ISO 8601, UTC). */
  at: string;
}

/** Seconds spent in each non-operational status. */
export type SecondsByStatus = Partial<Record<Exclude<ComponentStatus, 'operational'>, number>>;

/** How long one component, or one of its segments, was affected. */
export interface ImpactSpan {
  /** First moment it left `operational`; `null` when it never did. */
  startedAt: string | null;
  /** When it last came back to `operational`; `null` while still affected or never affected. */
  endedAt: string | null;
  /** Total seconds away from `operational` (gaps between episodes do not count). */
  durationSeconds: number;
  bySecondsInStatus: SecondsByStatus;
  /** Worst status reached. */
  worstStatus: ComponentStatus;
}

/** Per-component impact, with the per-segment breakdown where segments were named. */
export interface ComponentImpact extends ImpactSpan {
  componentId: string;
  segments: Array<ImpactSpan & { segmentId: string }>;
}

interface Point {
  t: number;
  status: ComponentStatus;
}

/**
 * Compute how long each component and each segment was affected by an incident, from the changes
 * its updates recorded. A component's own span is the sweep of the worst status across its
 * whole-component and per-segment timelines. Time still affected counts up to `until` (the
 * incident's resolution, or now while it is open).
 */
export function computeImpactTimeline(changes: readonly ImpactChange[], until: string): ComponentImpact[] {
  const end = Date.parse(until);
  const byComponent = new Map<string, ImpactChange[]>();
  for (const change of changes) {
    const list = byComponent.get(change.componentId) ?? [];
    list.push(change);
    byComponent.set(change.componentId, list);
  }

  const result: ComponentImpact[] = [];
  for (const [componentId, list] of byComponent) {
    const tracks = new Map<string | null, Point[]>();
    for (const c of list) {
      const track = tracks.get(c.segmentId) ?? [];
      track.push({ t: Date.parse(c.at), status: c.status });
      tracks.set(c.segmentId, track);
    }
    for (const track of tracks.values()) track.sort((a, b) => a.t - b.t);

    // A whole-component change applies to every segment, so each named segment's span is the
    // worst of its own track and the whole-component one.
    const whole = tracks.get(null) ?? [];
    const segments: ComponentImpact['segments'] = [];
    for (const [segmentId, track] of tracks) {
      if (segmentId === null) continue;
      segments.push({ segmentId, ...spanOf(mergeWorst([whole, track]), end) });
    }
    result.push({ componentId, ...spanOf(mergeWorst([...tracks.values()]), end), segments });
  }
  return result;
}

/** The worst-of-all-tracks timeline: at each change point, the worst current status. */
function mergeWorst(tracks: Point[][]): Point[] {
  const times = [...new Set(tracks.flatMap((track) => track.map((p) => p.t)))].sort((a, b) => a - b);
  return times.map((t) => ({
    t,
    status: worstStatus(tracks.map((track) => statusAt(track, t))),
  }));
}

function statusAt(track: Point[], t: number): ComponentStatus {
  let status: ComponentStatus = 'operational';
  for (const p of track) {
    if (p.t > t) break;
    status = p.status;
  }
  return status;
}

function spanOf(track: Point[], end: number): ImpactSpan {
  const byStatus: SecondsByStatus = {};
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  let total = 0;
  let worst: ComponentStatus = 'operational';
  for (let i = 0; i < track.length; i++) {
    const p = track[i]!;
    // Time after `until` (the resolution, or now) never counts.
    const next = Math.min(i + 1 < track.length ? track[i + 1]!.t : end, end);
    if (severityOf(p.status) > severityOf(worst)) worst = p.status;
    if (p.status === 'operational') {
      if (startedAt !== null && endedAt === null) endedAt = p.t;
      continue;
    }
    if (startedAt === null) startedAt = p.t;
    endedAt = null;
    if (p.t >= end) continue;
    const seconds = Math.max(0, Math.round((next - p.t) / 1000));
    total += seconds;
    byStatus[p.status] = (byStatus[p.status] ?? 0) + seconds;
  }
  return {
    startedAt: startedAt === null ? null : new Date(startedAt).toISOString(),
    endedAt: endedAt === null ? null : new Date(endedAt).toISOString(),
    durationSeconds: total,
    bySecondsInStatus: byStatus,
    worstStatus: worst,
  };
}
