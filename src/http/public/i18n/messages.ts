import type { ComponentStatus } from '../../../core/component-status.js';
import type { IncidentImpact, IncidentStatus } from '../../../core/incident-lifecycle.js';
import type { MaintenanceStatus } from '../../../core/maintenance-lifecycle.js';
import type { PAGE_DESCRIPTIONS } from '../../../core/page-status.js';

/** The public page's interface text in one language. Incident content is the operator's, untranslated. */
export interface Messages {
  /** BCP 47 tag for `<html lang>` and Intl formatting. */
  locale: string;
  languageName: string;
  skipToContent: string;
  pageTitle: (pageName: string) => string;
  historyTitle: (pageName: string) => string;
  incidentTitle: (incidentName: string, pageName: string) => string;
  /** The page roll-up, by Statuspage's description key. */
  overall: Record<keyof typeof PAGE_DESCRIPTIONS, string>;
  componentStatus: Record<ComponentStatus, string>;
  incidentStatus: Record<IncidentStatus, string>;
  impact: Record<IncidentImpact, string>;
  maintenanceStatus: Record<MaintenanceStatus, string>;
  activeIncidents: string;
  activeMaintenance: string;
  upcomingMaintenance: string;
  components: string;
  componentsBySegment: string;
  component: string;
  pastIncidents: string;
  noIncidentsReported: string;
  incidentHistory: string;
  viewHistory: string;
  backToStatus: string;
  olderIncidents: string;
  newerIncidents: string;
  noIncidentsInMonth: string;
  updates: string;
  latestUpdate: string;
  affected: string;
  duration: (text: string) => string;
  durationParts: { days: (n: number) => string; hours: (n: number) => string; minutes: (n: number) => string };
  lessThanAMinute: string;
  ongoing: string;
  scheduledFor: (from: string, until: string) => string;
  postmortem: string;
  backfilledNote: string;
  staleNotice: (asOf: string) => string;
  lastUpdated: string;
  timesShownIn: (zone: string) => string;
  /** `{zone}` is replaced in the browser by the reader's zone. */
  timesShownInYours: string;
  uptimeWindow: (days: number) => string;
  uptimePercent: (percent: string) => string;
  uptimeNoData: string;
  recurring: string;
  uptimeBySegment: string;
  uptimeFormula: string;
  uptimeDay: (date: string, detail: string) => string;
  uptimeDayDetail: {
    noData: string;
    noDowntime: string;
    major: (m: string) => string;
    partial: (m: string) => string;
    degraded: (m: string) => string;
    maintenance: (m: string) => string;
    checks: (passed: string, total: string) => string;
  };
  daysAgo: (n: number) => string;
  today: string;
  feeds: string;
  subscribeTitle: string;
  subscribeEmailLabel: string;
  subscribeButton: string;
  subscribeNote: string;
  subscribeRss: string;
  subscribeAtom: string;
  maintenanceCalendar: string;
  poweredBy: string;
  language: string;
  pageNotFound: string;
  pageNotFoundBody: string;
}

/** The English interface text. */
export const EN: Messages = {
  locale: 'en',
  languageName: 'English',
  skipToContent: 'Skip to content',
  pageTitle: (p) => `${p} status`,
  historyTitle: (p) => `Incident history · ${p}`,
  incidentTitle: (i, p) => `${i} · ${p}`,
  overall: {
    allOperational: 'All systems operational',
    majorOutage: 'Major system outage',
    partialOutage: 'Partial system outage',
    minorOutage: 'Minor service outage',
    degradedAll: 'Degraded system service',
    degradedSome: 'Partially degraded service',
    maintenance: 'Service under maintenance',
  },
  componentStatus: {
    operational: 'Operational',
    degraded_performance: 'Degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
  },
  incidentStatus: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
  },
  impact: { none: 'No impact', minor: 'Minor', major: 'Major', critical: 'Critical' },
  maintenanceStatus: {
    scheduled: 'Scheduled',
    in_progress: 'In progress',
    verifying: 'Verifying',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
  activeIncidents: 'Active incidents',
  activeMaintenance: 'Maintenance in progress',
  upcomingMaintenance: 'Scheduled maintenance',
  components: 'Components',
  componentsBySegment: 'Status by deployment',
  component: 'Component',
  pastIncidents: 'Past incidents',
  noIncidentsReported: 'No incidents reported.',
  incidentHistory: 'Incident history',
  viewHistory: 'View incident history',
  backToStatus: 'Back to current status',
  olderIncidents: 'Older incidents',
  newerIncidents: 'Newer incidents',
  noIncidentsInMonth: 'No incidents reported this month.',
  updates: 'Updates',
  latestUpdate: 'Latest update',
  affected: 'Affected components',
  duration: (t) => `Duration: ${t}`,
  durationParts: {
    days: (n) => `${n} ${n === 1 ? 'day' : 'days'}`,
    hours: (n) => `${n} h`,
    minutes: (n) => `${n} min`,
  },
  lessThanAMinute: 'less than a minute',
  ongoing: 'ongoing',
  scheduledFor: (from, until) => `Scheduled from ${from} to ${until}`,
  postmortem: 'Postmortem',
  backfilledNote: 'This incident was recorded after the fact.',
  staleNotice: (asOf) =>
    `Live data is temporarily unavailable. This page shows the status as of ${asOf} and will refresh on its own.`,
  lastUpdated: 'Last updated',
  timesShownIn: (zone) => `Times are shown in ${zone}.`,
  timesShownInYours: 'Times are shown in your time zone ({zone}).',
  uptimeWindow: (d) => `${d} days ago`,
  uptimePercent: (p) => `${p} % uptime`,
  uptimeNoData: 'No data yet',
  recurring: 'Repeats; see the maintenance calendar',
  uptimeBySegment: 'Uptime by deployment',
  uptimeFormula:
    'Uptime counts a minute of major outage fully and a minute of partial outage as 0.3; degraded performance does not count as downtime, and maintenance time is left out.',
  uptimeDay: (date, detail) => `${date}: ${detail}`,
  uptimeDayDetail: {
    noData: 'no data',
    noDowntime: 'no downtime',
    major: (m) => `major outage ${m}`,
    partial: (m) => `partial outage ${m}`,
    degraded: (m) => `degraded ${m}`,
    maintenance: (m) => `maintenance ${m}`,
    checks: (passed, total) => `checks passed ${passed} of ${total}`,
  },
  daysAgo: (n) => `${n} days ago`,
  today: 'Today',
  feeds: 'Feeds',
  subscribeTitle: 'Get updates by e-mail',
  subscribeEmailLabel: 'E-mail address',
  subscribeButton: 'Subscribe',
  subscribeNote:
    'We send a link to confirm. Every message has a one-click unsubscribe link. RSS, Atom and the calendar need no account.',
  subscribeRss: 'RSS',
  subscribeAtom: 'Atom',
  maintenanceCalendar: 'Maintenance calendar (iCal)',
  poweredBy: 'Powered by Pharos',
  language: 'Language',
  pageNotFound: 'Not found',
  pageNotFoundBody: 'There is nothing at this address on this status page.',
};
