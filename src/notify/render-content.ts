import type { AppContext } from '../app/context.js';
import { loadComponentsWithStatus, loadComponentWithStatus } from '../app/components/load-component-statuses.js';
import { loadIncidentDetail } from '../app/incidents/load-incident-detail.js';
import { loadMaintenanceDetails } from '../app/maintenance/load-maintenance-details.js';
import type { NotificationContent } from '../core/notification.js';
import { rollUpPageStatus } from '../core/page-status.js';
import { presentV2Maintenance } from '../http/public/v2-maintenance-presenters.js';
import { pageUrlFor, presentV2Component, presentV2Incident } from '../http/public/v2-presenters.js';
import { findOccurrence } from '../store/maintenances-store.js';
import type { NotificationEvent } from '../store/notifications-store.js';
import { findDefaultPage, findPageById } from '../store/pages-store.js';
import { findComponent } from '../store/components-store.js';
import { findMonitor } from '../store/monitors-store.js';
import { findSubscriber } from '../store/subscribers-store.js';

/**
 * Render what every delivery of an event says, once, at fan-out: the neutral content messages are
 * written from, and the Statuspage-shaped webhook subject built by the public v2 presenters, so a
 * webhook shows the same objects as /api/v2. Returns null when the subject no longer exists (an
 * incident deleted before its notification went out): there is nothing left to tell.
 */
export async function renderContent(
  app: AppContext,
  event: NotificationEvent,
  publicUrl: string,
): Promise<NotificationContent | null> {
  const page = await findPageById(app.db, event.pageId);
  if (!page) return null;
  const defaultPage = await findDefaultPage(app.db);
  const pageUrl = pageUrlFor(page, publicUrl, page.id === defaultPage?.id);
  const status = rollUpPageStatus((await loadComponentsWithStatus(app.db, page.id)).map((c) => c.status));
  const base = {
    kind: event.kind,
    page: {
      id: page.id,
      name: page.name,
      url: pageUrl,
      statusIndicator: status.indicator,
      statusDescription: status.description,
    },
    at: event.createdAt,
    previousStatus: null,
    components: [] as string[],
  };
  const ref = event.ref;
  try {
    if (event.kind.startsWith('incident.') || event.kind === 'postmortem.published') {
      const detail = await loadIncidentDetail(app.db, ref.incident_id!, app.now());
      const update = detail.updates.find((u) => u.id === ref.update_id) ?? detail.updates[0]!;
      const incident = { ...presentV2Incident(detail, { pageUrl }), organization_id: page.id };
      return {
        ...base,
        title: detail.name,
        status: event.kind === 'postmortem.published' ? 'postmortem' : update.status,
        body: update.body,
        url: incident.shortlink,
        components: [
          ...new Set(update.affectedComponents.map((a) => detail.componentNames[a.componentId] ?? '')),
        ].filter(Boolean),
        webhookSubject: { incident },
      };
    }
    if (event.kind === 'component.status_changed') {
      const component = await loadComponentWithStatus(app.db, ref.component_id!);
      if (!component) return null;
      return {
        ...base,
        title: component.name,
        status: ref.new_status!,
        previousStatus: ref.old_status ?? null,
        body: `${component.name}: ${ref.old_status} → ${ref.new_status}`,
        url: pageUrl,
        components: [component.name],
        webhookSubject: {
          component_update: {
            created_at: event.createdAt,
            new_status: ref.new_status,
            old_status: ref.old_status,
            id: event.id,
            component_id: component.id,
          },
          component: presentV2Component(component),
        },
      };
    }
    if (event.kind.startsWith('maintenance.')) {
      const occurrence = await findOccurrence(app.db, ref.occurrence_id!);
      if (!occurrence) return null;
      const [detail] = await loadMaintenanceDetails(app.db, [occurrence]);
      if (!detail) return null;
      const incident = presentV2Maintenance(detail, { pageUrl });
      return {
        ...base,
        title: detail.maintenance.name,
        status: detail.status,
        // An operator alert carries its own words (why validation fails); news shows the latest update.
        body: ref.reason ?? detail.updates[0]?.body ?? detail.maintenance.message,
        url: `${pageUrl}/incidents/${occurrence.id}`,
        components: detail.currentComponents.map((c) => c.name),
        webhookSubject: { incident },
      };
    }
    if (event.kind === 'monitor.state_changed') {
      const monitor = await findMonitor(app.db, ref.monitor_id!);
      if (!monitor) return null;
      const component = await findComponent(app.db, monitor.componentId);
      const alert = {
        monitor_id: monitor.id,
        monitor_name: monitor.name,
        component_id: monitor.componentId,
        segment_id: monitor.segmentId,
        from: ref.from,
        to: ref.to,
        reason: ref.reason,
        at: ref.at,
      };
      return {
        ...base,
        at: ref.at ?? event.createdAt,
        title: monitor.name,
        status: ref.to!,
        previousStatus: ref.from ?? null,
        body: ref.reason ?? '',
        url: pageUrl,
        components: component ? [component.name] : [],
        webhookSubject: { monitor: alert },
      };
    }
    if (event.kind === 'subscriber.parked') {
      const subscriber = await findSubscriber(app.db, ref.subscriber_id ?? '');
      if (!subscriber) return null;
      return {
        ...base,
        title: subscriber.address,
        status: 'parked',
        body: subscriber.type,
        url: pageUrl,
        webhookSubject: {
          subscriber: { id: subscriber.id, type: subscriber.type, quarantined_at: subscriber.quarantinedAt },
        },
      };
    }
    if (event.kind === 'subscriber.confirm' || event.kind === 'subscriber.quarantined') {
      const subscriber = await findSubscriber(app.db, event.subscriberId ?? '');
      if (!subscriber) return null;
      return { ...base, title: subscriber.address, status: 'none', body: '', url: pageUrl, webhookSubject: {} };
    }
  } catch (error) {
    if (error instanceof Error && 'kind' in error && error.kind === 'not_found') return null;
    throw error;
  }
  return null;
}
