import type { ComponentStatus } from './component-status.js';
import type { IncidentImpact, IncidentStatus } from './incident-lifecycle.js';

/** A status page. */
export interface Page {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  url: string | null;
  defaultLang: string;
  createdAt: string;
  updatedAt: string;
}

/** A group of components. */
export interface ComponentGroup {
  id: string;
  pageId: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** A component, without its status (which is derived from its status sources). */
export interface Component {
  id: string;
  pageId: string;
  groupId: string | null;
  name: string;
  description: string | null;
  position: number;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A region or deployment of a page. */
export interface Segment {
  id: string;
  pageId: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** A component with its derived status. */
export interface ComponentWithStatus extends Component {
  status: ComponentStatus;
  /** Status per segment of the page, by segment id. */
  segmentStatuses: Record<string, ComponentStatus>;
}

/** An incident's record, without its updates. */
export interface Incident {
  id: string;
  pageId: string;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  impactOverride: IncidentImpact | null;
  backfilled: boolean;
  startedAt: string;
  monitoringAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One component (or segment) change recorded by an update. */
export interface AffectedComponent {
  componentId: string;
  segmentId: string | null;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  effectiveAt: string;
}

/** One update of an incident. */
export interface IncidentUpdate {
  id: string;
  incidentId: string;
  status: IncidentStatus;
  body: string;
  displayAt: string;
  /** Posting order within the incident (1, 2, 3…), the tie-break for equal display times. */
  sequence: number;
  deliverNotifications: boolean;
  createdAt: string;
  updatedAt: string;
  affectedComponents: AffectedComponent[];
}

/** An incident with its updates, newest first. */
export interface IncidentWithUpdates extends Incident {
  updates: IncidentUpdate[];
}

/** Roles, from most to least powerful. `probe` arrives with monitoring. */
export const ROLES = ['admin', 'editor', 'viewer'] as const;

/** One of the roles a token can hold. */
export type Role = (typeof ROLES)[number];

/** Who performs a change: a token, the CLI on the server's machine, or Pharos itself. */
export interface Actor {
  type: 'token' | 'cli' | 'system';
  id: string | null;
  name: string;
  role: Role;
}

/** An API token as listed (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One audit row. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  targetType: string;
  targetId: string;
  pageId: string | null;
  before: unknown;
  after: unknown;
}
