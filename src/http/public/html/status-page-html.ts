import type { ComponentWithStatus } from '../../../core/model.js';
import { PAGE_DESCRIPTIONS } from '../../../core/page-status.js';
import type { MaintenanceDetail } from '../../../app/maintenance/load-maintenance-details.js';
import { bodyHtml } from './body-html.js';
import { renderActiveIncident, renderIncidentSummary } from './incident-html.js';
import { renderLayout, timeTag } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html, type SafeHtml } from './safe-html.js';
import { dateFormatter, localDate } from './time-format.js';
import { differsFrom, renderUptimeBars, type UptimeLookup } from './uptime-html.js';

/** How many days of past incidents the front page lists (Statuspage shows about two weeks). */
export const PAST_INCIDENT_DAYS = 7;

/** The front page: banner, incidents, maintenance, components (by group and by segment), past days. */
export function renderStatusPage(ctx: RenderContext, uptime: UptimeLookup | null): string {
  const { view, t } = ctx;
  const key = (Object.keys(PAGE_DESCRIPTIONS) as Array<keyof typeof PAGE_DESCRIPTIONS>).find(
    (k) => PAGE_DESCRIPTIONS[k] === view.status.description,
  );
  const bannerText = key ? t.overall[key] : view.status.description;
  const active = view.openMaintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
  // A recurring series shows its next window only; the calendar feed has them all.
  const seen = new Set<string>();
  const upcoming = view.openMaintenances.filter(
    (m) => m.status === 'scheduled' && !seen.has(m.maintenanceId) && seen.add(m.maintenanceId),
  );
  const main = html`<h1 class="banner s-${view.status.indicator}" data-indicator="${view.status.indicator}">
      ${bannerText}
    </h1>
    ${
      view.unresolvedIncidents.length > 0
        ? html`<section aria-labelledby="h-active">
            <h2 id="h-active">${t.activeIncidents}</h2>
            ${view.unresolvedIncidents.map((i) => renderActiveIncident(ctx, i))}
          </section>`
        : ''
    }
    ${
      active.length > 0
        ? html`<section aria-labelledby="h-maint">
            <h2 id="h-maint">${t.activeMaintenance}</h2>
            ${active.map((m) => renderMaintenance(ctx, m))}
          </section>`
        : ''
    }
    ${renderComponents(ctx, uptime)} ${renderSegmentMatrix(ctx)}
    ${
      upcoming.length > 0
        ? html`<section aria-labelledby="h-upcoming">
            <h2 id="h-upcoming">${t.upcomingMaintenance}</h2>
            ${upcoming.map((m) => renderMaintenance(ctx, m))}
          </section>`
        : ''
    }
    ${renderPastIncidents(ctx)} ${renderSubscribe(ctx)}`;
  return renderLayout(ctx, { title: t.pageTitle(view.page.name), main, path: '/' });
}

/** A maintenance window as a card (front page). */
export function renderMaintenance(ctx: RenderContext, m: MaintenanceDetail): SafeHtml {
  const latest = m.updates[0];
  const names = m.currentComponents.map((c) => c.name).join(', ');
  return html`<article class="card" aria-labelledby="mw-${m.id}">
    <div class="head">
      <h3 id="mw-${m.id}"><a href="${pageLink(ctx, `/incidents/${m.id}`)}">${m.maintenance.name}</a></h3>
      <span>${ctx.t.maintenanceStatus[m.status]}</span>
    </div>
    <div class="body">
      <p>
        ${timeTag(ctx, m.startsAt)} –
        ${timeTag(ctx, m.endsAt)}${m.maintenance.kind === 'recurring' ? html` · ${ctx.t.recurring}` : ''}
      </p>
      ${names ? html`<p class="muted">${ctx.t.affected}: ${names}</p>` : ''}
      ${bodyHtml(latest && latest.body ? latest.body : m.maintenance.message)}
    </div>
  </article>`;
}

function renderComponentRow(ctx: RenderContext, c: ComponentWithStatus, uptime: UptimeLookup | null): SafeHtml {
  return html`<li class="comp">
    <div class="row">
      <span>${c.name}</span><span class="st st-${c.status}">${ctx.t.componentStatus[c.status]}</span>
    </div>
    ${c.description ? html`<div class="desc">${c.description}</div>` : ''}
    ${
      uptime
        ? renderUptimeBars(ctx, c.name, uptime.component(c.id), uptime.componentChecks(c.id), uptime.incidentName)
        : ''
    }
    ${uptime ? renderSegmentBars(ctx, c, uptime) : ''}
  </li>`;
}

/** Per-deployment bars, only for deployments whose days differ from the component's. */
function renderSegmentBars(ctx: RenderContext, c: ComponentWithStatus, uptime: UptimeLookup): SafeHtml {
  const whole = uptime.component(c.id);
  if (!whole) return html``;
  const differing = ctx.view.segments
    .map((segment) => ({ segment, series: uptime.segment(c.id, segment.id) }))
    .filter((x) => x.series !== null && differsFrom(x.series, whole));
  if (differing.length === 0) return html``;
  return html`<details>
    <summary>${ctx.t.uptimeBySegment}</summary>
    ${differing.map(
      ({ segment, series }) =>
        html`<p class="seg">${segment.name}</p>
          ${renderUptimeBars(
            ctx,
            `${c.name} · ${segment.name}`,
            series,
            uptime.segmentChecks(c.id, segment.id),
            uptime.incidentName,
          )}`,
    )}
  </details>`;
}

function visible(c: ComponentWithStatus): boolean {
  return !c.onlyShowIfDegraded || c.status !== 'operational';
}

function renderComponents(ctx: RenderContext, uptime: UptimeLookup | null): SafeHtml {
  const { view, t } = ctx;
  const shown = view.components.filter(visible);
  const ungrouped = shown.filter((c) => c.groupId === null);
  const groups = view.groups
    .map((g) => ({ group: g, members: shown.filter((c) => c.groupId === g.id) }))
    .filter((g) => g.members.length > 0);
  return html`<section aria-labelledby="h-components">
    <h2 id="h-components">${t.components}</h2>
    ${
      ungrouped.length > 0
        ? html`<div class="card">
            <ul class="plain">
              ${ungrouped.map((c) => renderComponentRow(ctx, c, uptime))}
            </ul>
          </div>`
        : ''
    }
    ${groups.map(
      ({ group, members }) =>
        html`<div class="card group">
          <div class="head"><h3>${group.name}</h3></div>
          <ul class="plain">
            ${members.map((c) => renderComponentRow(ctx, c, uptime))}
          </ul>
        </div>`,
    )}
    ${uptime ? html`<p class="muted">${t.uptimeFormula}</p>` : ''}
  </section>`;
}

/** Seed 000: one row per component, one column per deployment. */
function renderSegmentMatrix(ctx: RenderContext): SafeHtml {
  const { view, t } = ctx;
  if (view.segments.length === 0) return html``;
  const rows = view.components.filter(visible).map(
    (c) =>
      html`<tr>
        <th scope="row">${c.name}</th>
        ${view.segments.map((s) => {
          const status = c.segmentStatuses[s.id] ?? c.status;
          return html`<td><span class="st st-${status}">${t.componentStatus[status]}</span></td>`;
        })}
      </tr>`,
  );
  return html`<section aria-labelledby="h-segments">
    <h2 id="h-segments">${t.componentsBySegment}</h2>
    <div class="card">
      <table class="matrix">
        <thead>
          <tr>
            <th scope="col">${t.component}</th>
            ${view.segments.map((s) => html`<th scope="col">${s.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** The last days, each with its incidents or "No incidents reported." */
function renderPastIncidents(ctx: RenderContext): SafeHtml {
  const { view, t } = ctx;
  const zone = view.page.timeZone;
  const today = localDate(view.generatedAt, zone);
  const days: string[] = [];
  for (let i = 0; i < PAST_INCIDENT_DAYS; i++) {
    days.push(localDate(new Date(Date.parse(`${today}T12:00:00Z`) - i * 86_400_000).toISOString(), 'UTC'));
  }
  const items = days.map((day) => {
    const incidents = view.recentIncidents.filter((i) => localDate(i.startedAt, zone) === day);
    return html`<li class="day">
      <h3>${formatDayHeading(day, ctx.t.locale)}</h3>
      ${
        incidents.length > 0
          ? html`<ul class="plain">
              ${incidents.map((i) => renderIncidentSummary(ctx, i, 'h4'))}
            </ul>`
          : html`<p class="muted">${t.noIncidentsReported}</p>`
      }
    </li>`;
  });
  return html`<section aria-labelledby="h-past">
    <h2 id="h-past">${t.pastIncidents}</h2>
    <ul class="plain">
      ${items}
    </ul>
    <p><a href="${ctx.basePath}/history${ctx.explicitLang ? `?lang=${ctx.lang}` : ''}">${t.viewHistory}</a></p>
  </section>`;
}

function formatDayHeading(date: string, locale: string): string {
  return dateFormatter(locale, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** E-mail sign-up (double opt-in; the answer never tells whether the address was known) and feeds. */
function renderSubscribe(ctx: RenderContext): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="h-subscribe">
    <h2 id="h-subscribe">${t.subscribeTitle}</h2>
    <form class="subscribe" method="post" action="${ctx.basePath}/subscribe">
      <label for="subscribe-email">${t.subscribeEmailLabel}</label>
      <input id="subscribe-email" name="email" type="email" autocomplete="email" required />
      <input type="hidden" name="language" value="${ctx.lang}" />
      <button type="submit">${t.subscribeButton}</button>
    </form>
    <p class="muted">${t.subscribeNote}</p>
  </section>`;
}
