import type { IncidentDetail } from '../../../app/incidents/load-incident-detail.js';
import { bodyHtml } from './body-html.js';
import { formatDuration } from './format-duration.js';
import { timeTag } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html, trustedHtml, type SafeHtml } from './safe-html.js';

/** The effective impact shown for an incident: the operator's override, else the computed one. */
function impactOf(incident: IncidentDetail) {
  return incident.impactOverride ?? incident.impact;
}

/** One update: status label, time, message. */
export function renderUpdate(ctx: RenderContext, update: IncidentDetail['updates'][number]): SafeHtml {
  return html`<li class="upd">
    <p class="meta">
      <span class="label">${ctx.t.incidentStatus[update.status]}</span> · ${timeTag(ctx, update.displayAt)}
    </p>
    ${bodyHtml(update.body)}
  </li>`;
}

/** An unresolved incident on the front page: name, impact, latest update. */
export function renderActiveIncident(ctx: RenderContext, incident: IncidentDetail): SafeHtml {
  const latest = incident.updates[0];
  const impact = impactOf(incident);
  return html`<article class="card" aria-labelledby="inc-${incident.id}">
    <div class="head">
      <h3 id="inc-${incident.id}"><a href="${pageLink(ctx, `/incidents/${incident.id}`)}">${incident.name}</a></h3>
      <span class="imp-${impact}">${ctx.t.impact[impact]}</span>
    </div>
    <div class="body">
      ${
        latest
          ? html`<ul class="plain">
              ${renderUpdate(ctx, latest)}
            </ul>`
          : ''
      }
      ${renderAffected(ctx, incident, 'h4')}
    </div>
  </article>`;
}

/** Affected components and segments with how long each was affected. */
export function renderAffected(ctx: RenderContext, incident: IncidentDetail, heading: 'h2' | 'h4'): SafeHtml {
  if (incident.impacts.length === 0) return html``;
  const items = incident.impacts.map((impact) => {
    const name = incident.componentNames[impact.componentId] ?? impact.componentId;
    const segments = impact.segments.map(
      (s) =>
        html`<li>
          ${incident.segmentNames[s.segmentId] ?? s.segmentId}:
          <span class="st st-${s.worstStatus}">${ctx.t.componentStatus[s.worstStatus]}</span>,
          ${durationText(ctx, s.durationSeconds, s.endedAt)}
        </li>`,
    );
    return html`<li>
      <strong>${name}</strong>:
      <span class="st st-${impact.worstStatus}">${ctx.t.componentStatus[impact.worstStatus]}</span>,
      ${durationText(ctx, impact.durationSeconds, impact.endedAt)}${
        segments.length > 0
          ? html`<ul>
              ${segments}
            </ul>`
          : ''
      }
    </li>`;
  });
  return html`${trustedHtml(`<${heading}>`)}${ctx.t.affected}${trustedHtml(`</${heading}>`)}
    <ul>
      ${items}
    </ul>`;
}

function durationText(ctx: RenderContext, seconds: number, endedAt: string | null): string {
  const text = formatDuration(seconds, ctx.t);
  return endedAt ? text : `${text} (${ctx.t.ongoing})`;
}

/** An incident as a line of the history or past-incidents list. */
export function renderIncidentSummary(ctx: RenderContext, incident: IncidentDetail, heading: 'h3' | 'h4'): SafeHtml {
  const impact = impactOf(incident);
  const latest = incident.updates[0];
  const open = trustedHtml(`<${heading}>`);
  const close = trustedHtml(`</${heading}>`);
  return html`<li class="inc">
    ${open}<a href="${pageLink(ctx, `/incidents/${incident.id}`)}">${incident.name}</a>
    <span class="imp-${impact}">(${ctx.t.impact[impact]})</span>${close}
    ${latest ? html`<p class="muted"><span>${ctx.t.incidentStatus[latest.status]}</span> · ${timeTag(ctx, latest.displayAt)}</p>` : ''}
  </li>`;
}
