// Notifications in the domain: what kinds exist, who receives which, how often a failing delivery
// is retried and when a failing endpoint is parked. Pure: time comes in as arguments.

/**
 * The kinds of subscriber; each is delivered by one channel. `alert` is the generic flat JSON
 * webhook for operator alerts (team audience only).
 */
export const SUBSCRIBER_TYPES = ['email', 'webhook', 'slack', 'discord', 'teams', 'alert'] as const;
/** A kind of subscriber. */
export type SubscriberType = (typeof SUBSCRIBER_TYPES)[number];

/**
 * Who a subscriber is: `public` (customers: incidents, components, maintenance) or `team` (the
 * operators: monitors changing state, maintenance failing its validation). Each event goes to one
 * audience only, so a customer never receives an internal alert.
 */
export const SUBSCRIBER_AUDIENCES = ['public', 'team'] as const;
/** A subscriber's audience. */
export type SubscriberAudience = (typeof SUBSCRIBER_AUDIENCES)[number];

/** What can cause a notification. */
export const NOTIFICATION_KINDS = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'component.status_changed',
  'maintenance.reminder',
  'maintenance.started',
  'maintenance.completed',
  'maintenance.validation_failed',
  'postmortem.published',
  'subscriber.confirm',
  'subscriber.quarantined',
  'monitor.state_changed',
  'subscriber.parked',
] as const;
/** A kind of notification event. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const TEAM_KINDS: ReadonlySet<string> = new Set<NotificationKind>([
  'monitor.state_changed',
  'subscriber.parked',
  'maintenance.validation_failed',
]);

/** The audience an event of this kind fans out to. */
export function audienceOf(kind: NotificationKind): SubscriberAudience {
  return TEAM_KINDS.has(kind) ? 'team' : 'public';
}

/** Languages messages are written in. */
export const NOTIFICATION_LANGUAGES = ['en', 'fr'] as const;
/** A message language. */
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** A language for a subscriber: theirs if we write it, else English. */
export function messageLanguage(wanted: string | null | undefined): NotificationLanguage {
  const base = (wanted ?? '').toLowerCase().slice(0, 2);
  return (NOTIFICATION_LANGUAGES as readonly string[]).includes(base) ? (base as NotificationLanguage) : 'en';
}

/**
 * Whether a subscriber with this component scope hears about an event touching these components.
 * No scope means the whole page; an event that names no component concerns the whole page too.
 * The fan-out query in `store/notifications-store.ts` applies the same rule in SQL.
 */
export function subscriberMatches(scope: readonly string[], eventComponentIds: readonly string[]): boolean {
  if (scope.length === 0 || eventComponentIds.length === 0) return true;
  return eventComponentIds.some((id) => scope.includes(id));
}

/** Everything a message about one event says, rendered once when the event fans out. */
export interface NotificationContent {
  kind: NotificationKind;
  page: { id: string; name: string; url: string; statusIndicator: string; statusDescription: string };
  /** Incident, component or maintenance name. */
  title: string;
  /** The new status (incident, component or maintenance status). */
  status: string;
  previousStatus: string | null;
  /** The update text the operator wrote (or the automatic one). */
  body: string;
  /** Where to read more. */
  url: string;
  /** When it happened (ISO 8601 UTC). */
  at: string;
  /** Names of the components concerned. */
  components: string[];
  /** The Statuspage-shaped subject of a webhook: `{ incident }` or `{ component_update, component }`. */
  webhookSubject: Record<string, unknown>;
}

/** Attempts before a delivery is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** Failures within the quarantine window that park an endpoint (Statuspage: 10 in about an hour). */
export const QUARANTINE_FAILURES = 10;
/** The quarantine window. */
export const QUARANTINE_WINDOW_MS = 3_600_000;

/**
 * How long to wait after the `failures`-th failed attempt: 30 s doubling to at most an hour, with up
 * to 20 % jitter (`random` in [0, 1)) so a recovering endpoint is not hit by every retry at once.
 */
export function retryDelayMs(failures: number, random: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
  return Math.round(base * (1 + 0.2 * random));
}

/** What to do after a failed attempt: retry at a time, or give up. */
export function afterFailure(
  attempts: number,
  now: Date,
  random: number,
): { status: 'pending'; nextAttemptAt: string } | { status: 'failed' } {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)).toISOString() };
}

/** Whether an endpoint subscriber's recent failures (times, ISO) mean it should be parked now. */
export function shouldQuarantine(type: SubscriberType, failureTimes: readonly string[], now: Date): boolean {
  if (type === 'email') return false; // a refused mail is usually our relay's problem, not the reader's
  const since = now.getTime() - QUARANTINE_WINDOW_MS;
  return failureTimes.filter((t) => Date.parse(t) > since).length >= QUARANTINE_FAILURES;
}

/** A subscriber as the app sees it; the webhook secret stays in the store layer's row type. */
export interface Subscriber {
  id: string;
  pageId: string;
  type: SubscriberType;
  audience: SubscriberAudience;
  /** E-mail address (lower case) or URL. */
  address: string;
  contactEmail: string | null;
  language: NotificationLanguage;
  componentIds: string[];
  confirmedAt: string | null;
  confirmExpiresAt: string | null;
  tokenGeneration: number;
  quarantinedAt: string | null;
  hasSecret: boolean;
  createdAt: string;
  updatedAt: string;
}
