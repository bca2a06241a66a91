import type { Db } from '../app/context.js';
import type { ComponentStatus } from '../core/component-status.js';
import type { MonitorState } from '../core/monitor-evaluation.js';

/** What is stored about a monitor besides its definition: evaluator state and automation bookkeeping. */
export interface StoredMonitorState {
  monitorId: string;
  evaluation: MonitorState;
  /** What the monitor's status source holds now. */
  appliedStatus: ComponentStatus;
  incidentId: string | null;
  incidentFingerprint: string | null;
  takenOver: boolean;
  /** The episode joined a dependency's incident (whose owner resolves it). */
  joinedRoot: boolean;
  lastBeatAt: string | null;
  updatedAt: string;
}

/** A fresh record for a monitor nobody has checked yet. */
export function emptyMonitorState(monitorId: string, at: string): StoredMonitorState {
  return {
    monitorId,
    evaluation: { state: 'unknown', since: null, locations: {} },
    appliedStatus: 'operational',
    incidentId: null,
    incidentFingerprint: null,
    takenOver: false,
    joinedRoot: false,
    lastBeatAt: null,
    updatedAt: at,
  };
}

/**
 * The stored states of some monitors. `lock` takes row locks on PostgreSQL (`for update`), so two
 * nodes ingesting results for the same monitor apply them one after the other; SQLite serialises
 * writers anyway.
 */
export async function loadMonitorStates(
  db: Db,
  monitorIds: readonly string[],
  options: { lock?: boolean; dialect?: 'sqlite' | 'postgres' } = {},
): Promise<Map<string, StoredMonitorState>> {
  const found = new Map<string, StoredMonitorState>();
  for (let i = 0; i < monitorIds.length; i += 500) {
    let q = db
      .selectFrom('monitor_states')
      .selectAll()
      .where('monitor_id', 'in', monitorIds.slice(i, i + 500));
    if (options.lock && options.dialect === 'postgres') q = q.forUpdate();
    for (const r of await q.execute()) {
      found.set(r.monitor_id, {
        monitorId: r.monitor_id,
        evaluation: JSON.parse(r.state_json) as MonitorState,
        appliedStatus: r.applied_status as ComponentStatus,
        incidentId: r.incident_id,
        incidentFingerprint: r.incident_fingerprint,
        takenOver: r.taken_over === 1,
        joinedRoot: r.joined_root === 1,
        lastBeatAt: r.last_beat_at,
        updatedAt: r.updated_at,
      });
    }
  }
  return found;
}

function toRow(s: StoredMonitorState) {
  return {
    state_json: JSON.stringify(s.evaluation),
    state: s.evaluation.state,
    since: s.evaluation.since === null ? null : new Date(s.evaluation.since).toISOString(),
    applied_status: s.appliedStatus,
    incident_id: s.incidentId,
    incident_fingerprint: s.incidentFingerprint,
    taken_over: s.takenOver ? 1 : 0,
    joined_root: s.joinedRoot ? 1 : 0,
    last_beat_at: s.lastBeatAt,
    updated_at: s.updatedAt,
  };
}

/** Insert or replace a monitor's state. */
export async function saveMonitorState(db: Db, s: StoredMonitorState): Promise<void> {
  const values = toRow(s);
  await db
    .insertInto('monitor_states')
    .values({ monitor_id: s.monitorId, ...values })
    .onConflict((oc) => oc.column('monitor_id').doUpdateSet(values))
    .execute();
}

/** Insert or replace many states with one statement per chunk (the scheduler saves hundreds a second). */
export async function saveMonitorStates(db: Db, states: readonly StoredMonitorState[]): Promise<void> {
  for (let i = 0; i < states.length; i += 200) {
    await db
      .insertInto('monitor_states')
      .values(states.slice(i, i + 200).map((s) => ({ monitor_id: s.monitorId, ...toRow(s) })))
      .onConflict((oc) =>
        oc.column('monitor_id').doUpdateSet((eb) => ({
          state_json: eb.ref('excluded.state_json'),
          state: eb.ref('excluded.state'),
          since: eb.ref('excluded.since'),
          applied_status: eb.ref('excluded.applied_status'),
          incident_id: eb.ref('excluded.incident_id'),
          incident_fingerprint: eb.ref('excluded.incident_fingerprint'),
          taken_over: eb.ref('excluded.taken_over'),
          joined_root: eb.ref('excluded.joined_root'),
          last_beat_at: eb.ref('excluded.last_beat_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
