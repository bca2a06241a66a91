import type { NotificationContent } from './notification.js';

/** Where the payload format is documented, sent in every webhook's `meta`. */
export const WEBHOOK_DOCUMENTATION_URL =
  'https://github.com/pharos-status/pharos/blob/main/docs/api.md#webhook-notifications';

/**
 * The body of a subscriber webhook, in Statuspage's shape (hosted-anchors §3): `meta`, `page`, and
 * either `incident` or `component_update` + `component`. Pharos adds `meta.event` (the event kind)
 * and `meta.event_id`; Statuspage clients ignore unknown keys.
 */
export function buildWebhookPayload(
  content: NotificationContent,
  eventId: string,
  unsubscribeUrl: string,
): Record<string, unknown> {
  return {
    meta: {
      unsubscribe: unsubscribeUrl,
      documentation: WEBHOOK_DOCUMENTATION_URL,
      event: content.kind,
      event_id: eventId,
    },
    page: {
      id: content.page.id,
      status_indicator: content.page.statusIndicator,
      status_description: content.page.statusDescription,
    },
    ...content.webhookSubject,
  };
}

/** The body of a generic JSON operator alert: flat and easy to route. */
export function buildAlertPayload(content: NotificationContent, eventId: string): Record<string, unknown> {
  return {
    event: content.kind,
    event_id: eventId,
    page_id: content.page.id,
    page_name: content.page.name,
    title: content.title,
    status: content.status,
    previous_status: content.previousStatus,
    body: content.body,
    url: content.url,
    at: content.at,
    components: content.components,
    details: content.webhookSubject,
  };
}
