import type { Transaction } from 'kysely';
import type { ComponentStatus } from '../../core/component-status.js';
import type { Actor } from '../../core/model.js';
import type { Monitor } from '../../core/monitor-definition.js';
import { findComponent } from '../../store/components-store.js';
import { findIncident, listIncidentUpdates } from '../../store/incidents-store.js';
import { loadMonitorStates, saveMonitorState, type StoredMonitorState } from '../../store/monitor-states-store.js';
import { listMonitors } from '../../store/monitors-store.js';
import type { Schema } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { writeIncidentUpdate } from '../incidents/add-incident-update.js';
import { writeIncident } from '../incidents/create-incident.js';
import { findOpenWatchIncident } from '../maintenance/open-watch-incident.js';

/** Automation's identity in audit rows and incident timelines. */
export const MONITORING_ACTOR: Actor = { type: 'system', id: null, name: 'monitoring', role: 'editor' };

/** What a step of an episode needs to know. */
export interface EpisodeStep {
  monitor: Monitor;
  componentName: string;
  desired: ComponentStatus;
  /** Why, in the evaluator's words ("status 503 in eu, us (2 of 3 locations)"). */
  why: string;
}

type IncidentFields = Pick<StoredMonitorState, 'incidentId' | 'incidentFingerprint' | 'joinedRoot'>;

/**
 * Start an episode's incident: join a dependency's open automatic incident when there is one
 * ("API is degraded because Database is unreachable"), or the incident a maintenance watch opened
 * for the same components ("… failing 3 h after maintenance X completed"), else open one of its own.
 */
export async function openEpisodeIncident(
  trx: Transaction<Schema>,
  app: AppContext,
  step: EpisodeStep,
): Promise<IncidentFields> {
  const { monitor, componentName, desired, why } = step;
  const root = await findRootEpisode(trx, app, monitor);
  if (root) {
    await postToRoot(
      trx,
      app,
      root,
      `${componentName} ${verb(desired)} because ${root.componentName} ${verb(root.state.appliedStatus)} (${monitor.name}: ${why}).`,
      step,
    );
    return { incidentId: root.incidentId, incidentFingerprint: null, joinedRoot: true };
  }
  const watch = await findOpenWatchIncident(trx, monitor, app.now());
  if (watch) {
    const incident = await findIncident(trx, watch);
    await writeIncidentUpdate(trx, app, MONITORING_ACTOR, watch, {
      status: incident?.status === 'resolved' || !incident ? 'investigating' : incident.status,
      message: `${componentName} ${verb(desired)}: ${monitor.name} confirms (${why}).`,
      components: [{ componentId: monitor.componentId, segmentId: monitor.segmentId, status: desired }],
    });
    // Joined: people resolve the watch's incident; this episode only records its component there.
    return { incidentId: watch, incidentFingerprint: null, joinedRoot: true };
  }
  const incident = await writeIncident(trx, app, MONITORING_ACTOR, {
    pageId: monitor.pageId,
    name: `${componentName}: ${label(desired)}`,
    status: 'investigating',
    message: `Automatic monitoring detected a problem with ${componentName}: ${monitor.name} is failing (${why}). We are investigating.`,
    components: [{ componentId: monitor.componentId, segmentId: monitor.segmentId, status: desired }],
  });
  return { incidentId: incident.id, incidentFingerprint: fingerprint(incident), joinedRoot: false };
}

/**
 * Post the episode's next step on its incident: a new status, or the recovery. An own incident is
 * resolved on recovery; a joined one only records this component back to normal (its root resolves it).
 */
export async function followUpIncident(
  trx: Transaction<Schema>,
  app: AppContext,
  step: EpisodeStep,
  current: IncidentFields & { incidentId: string },
): Promise<IncidentFields> {
  const { monitor, componentName, desired, why } = step;
  const recovered = desired === 'operational';
  if (current.joinedRoot) {
    const incident = await findIncident(trx, current.incidentId);
    if (!incident || incident.deletedAt || incident.status === 'resolved') return current;
    const [root] = await rootsOf(trx, app, current.incidentId);
    const message = recovered
      ? `${componentName} is operational again (${monitor.name}: ${why}).`
      : `${componentName} ${verb(desired)} (${monitor.name}: ${why}).`;
    if (root) await postToRoot(trx, app, root, message, step);
    return current;
  }
  const detail = await writeIncidentUpdate(trx, app, MONITORING_ACTOR, current.incidentId, {
    status: recovered ? 'resolved' : 'investigating',
    message: recovered
      ? `${monitor.name} is passing again (${why}). ${componentName} is operational; this incident was resolved automatically.`
      : `${componentName} is now in ${label(desired)}: ${monitor.name} reports ${why}.`,
    components: [{ componentId: monitor.componentId, segmentId: monitor.segmentId, status: desired }],
  });
  return { ...current, incidentFingerprint: fingerprint(detail) };
}

/**
 * Add a note to a monitor's own open automatic incident (the maintenance watch naming the
 * maintenance that preceded the failure), keeping its status, and record the note as automation's
 * so the monitor does not take it for a person's takeover.
 */
export async function noteOnEpisodeIncident(
  trx: Transaction<Schema>,
  app: AppContext,
  actor: Actor,
  state: StoredMonitorState,
  message: string,
): Promise<void> {
  if (!state.incidentId) return;
  const incident = await findIncident(trx, state.incidentId);
  if (!incident) return;
  const detail = await writeIncidentUpdate(trx, app, actor, state.incidentId, { status: incident.status, message });
  await saveMonitorState(trx, { ...state, incidentFingerprint: fingerprint(detail) });
}

/** A person changed the incident since automation last wrote it (an update, an edit, a delete). */
export async function personEdited(
  trx: Transaction<Schema>,
  incidentId: string,
  seen: string | null,
): Promise<boolean> {
  const incident = await findIncident(trx, incidentId);
  if (!incident || incident.deletedAt !== null) return true;
  const updates = await listIncidentUpdates(trx, [incidentId]);
  return fingerprint({ updatedAt: incident.updatedAt, updates }) !== seen;
}

/** A human-readable status ("major outage"). */
export function label(status: ComponentStatus): string {
  return status.replace(/_/g, ' ');
}

interface RootEpisode {
  state: StoredMonitorState;
  incidentId: string;
  componentName: string;
}

/** A monitor on one of `monitor`'s dependencies that holds its own automatic incident open. */
async function findRootEpisode(
  trx: Transaction<Schema>,
  app: AppContext,
  monitor: Monitor,
): Promise<RootEpisode | null> {
  if (monitor.dependsOn.length === 0) return null;
  const candidates = (await listMonitors(trx, { pageId: monitor.pageId })).filter((m) =>
    monitor.dependsOn.includes(m.componentId),
  );
  const states = await loadMonitorStates(
    trx,
    candidates.map((m) => m.id),
    { lock: true, dialect: app.dialect },
  );
  for (const m of candidates) {
    const s = states.get(m.id);
    if (!s?.incidentId || s.joinedRoot || s.takenOver || s.appliedStatus === 'operational') continue;
    const incident = await findIncident(trx, s.incidentId);
    if (!incident || incident.deletedAt || incident.status === 'resolved') continue;
    const component = await findComponent(trx, m.componentId);
    return { state: s, incidentId: s.incidentId, componentName: component?.name ?? 'a dependency' };
  }
  return null;
}

/** The monitor whose own incident this is (for a joined episode's later updates). */
async function rootsOf(trx: Transaction<Schema>, app: AppContext, incidentId: string): Promise<RootEpisode[]> {
  const rows = await trx
    .selectFrom('monitor_states')
    .select('monitor_id')
    .where('incident_id', '=', incidentId)
    .where('joined_root', '=', 0)
    .execute();
  const states = await loadMonitorStates(
    trx,
    rows.map((r) => r.monitor_id),
    { lock: true, dialect: app.dialect },
  );
  return [...states.values()].map((state) => ({ state, incidentId, componentName: '' }));
}

/**
 * Post on the root's incident, keeping its status, and tell the root's takeover check that this
 * update was automation's, not a person's.
 */
async function postToRoot(
  trx: Transaction<Schema>,
  app: AppContext,
  root: RootEpisode,
  message: string,
  step: EpisodeStep,
): Promise<void> {
  const incident = await findIncident(trx, root.incidentId);
  const detail = await writeIncidentUpdate(trx, app, MONITORING_ACTOR, root.incidentId, {
    status: incident?.status === 'resolved' || !incident ? 'investigating' : incident.status,
    message,
    components: [{ componentId: step.monitor.componentId, segmentId: step.monitor.segmentId, status: step.desired }],
  });
  if (!root.state.takenOver) await saveMonitorState(trx, { ...root.state, incidentFingerprint: fingerprint(detail) });
}

/** What automation saw of its incident: a person's update or edit changes one of the two parts. */
function fingerprint(incident: { updatedAt: string; updates: readonly unknown[] }): string {
  return `${incident.updatedAt}#${incident.updates.length}`;
}

function verb(status: ComponentStatus): string {
  switch (status) {
    case 'major_outage':
      return 'is unreachable';
    case 'partial_outage':
      return 'is partly unavailable';
    case 'degraded_performance':
      return 'is degraded';
    default:
      return `is ${label(status)}`;
  }
}
