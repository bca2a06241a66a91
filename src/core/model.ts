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
  branding: PageBranding;
  createdAt: string;
  updatedAt: string;
}

/** A link in a page's footer. */
export interface FooterLink {
  label: string;
  url: string;
}

/** How a page looks and where it is served, besides its slug. */
export interface PageBranding {
  /** An https URL (or a root-relative path) of the logo shown in the header; null = the page name only. */
  logoUrl: string | null;
  /** `#rrggbb`; null = Pharos's default. */
  accentColor: string | null;
  footerLinks: FooterLink[];
  /** A host name (e.g. status.example.com) that serves this page. */
  customDomain: string | null;
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

/** Roles, from most to least powerful; `probe` may only fetch assignments and report check results. */
export const ROLES = ['admin', 'editor', 'viewer', 'probe'] as const;

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

/** A component (optionally one segment of it) that a maintenance window affects. */
export interface ComponentRef {
  componentId: string;
  segmentId: string | null;
}

/** A maintenance window definition: one-off, or a recurring series. */
export interface Maintenance {
  id: string;
  pageId: string;
  name: string;
  message: string;
  impact: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
  kind: 'one_off' | 'recurring';
  /** One-off windows only. */
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /** Recurring series only. */
  recurrence: import('./recurrence.js').RecurrenceSpec | null;
  autoStart: boolean;
  autoComplete: boolean;
  /** A URL that must answer 2xx before a window completes; null for no validation. */
  validationUrl: string | null;
  /** How long validation may keep failing before an incident opens. */
  validationGraceMinutes: number;
  /** Monitors (on the same page) whose checks must pass after a window before it completes. */
  validationMonitorIds: string[];
  /** How long after each window completes its components stay under close watch (0: none). */
  watchMinutes: number;
  /** Which notifications each window sends; absent means no reminder, start and end announced. */
  notify?: MaintenanceNotify;
  components: ComponentRef[];
  createdAt: string;
  updatedAt: string;
}

/** Per-window notification flags of a maintenance. */
export interface MaintenanceNotify {
  /** Remind subscribers this many hours before a window starts; null for no reminder. */
  reminderHours: number | null;
  start: boolean;
  end: boolean;
}

/** One concrete window; the public id of a scheduled maintenance is the occurrence's id. */
export interface MaintenanceOccurrence {
  id: string;
  maintenanceId: string;
  pageId: string;
  startsAt: string;
  endsAt: string;
  status: import('./maintenance-lifecycle.js').MaintenanceStatus;
  startedAt: string | null;
  finishedAt: string | null;
  verifyingSince: string | null;
  lastCheck: CheckResult | null;
  validationIncidentId: string | null;
  /** Until when the window is watched after it completed (null: no watch). */
  watchUntil: string | null;
  /** The incident a failure during the watch opened (or joined). */
  watchIncidentId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The result of one check: expected failures are values, not exceptions. */
export interface CheckResult {
  ok: boolean;
  /** Why it failed (`timeout`, `status 503`, `connection refused`…), or `ok`. */
  reason: string;
  ms: number;
  at: string;
}

/** One update of a maintenance occurrence. */
export interface MaintenanceUpdate {
  id: string;
  occurrenceId: string;
  status: import('./maintenance-lifecycle.js').MaintenanceStatus;
  body: string;
  displayAt: string;
  sequence: number;
  /** Posted by the maintenance clock rather than a person. */
  automatic: boolean;
  createdAt: string;
  updatedAt: string;
}
