import type { IncidentDetail } from '../../../app/incidents/load-incident-detail.js';
import { renderAffected, renderUpdate } from './incident-html.js';
import { renderLayout, timeTag } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html } from './safe-html.js';

/** One incident in full: status, impact, affected components and segments with durations, every update. */
export function renderIncidentPage(ctx: RenderContext, incident: IncidentDetail): string {
  const { t } = ctx;
  const impact = incident.impactOverride ?? incident.impact;
  const main = html`<p><a href="${pageLink(ctx, '/')}">${t.backToStatus}</a></p>
    <h1>${incident.name}</h1>
    <p>
      <span class="imp-${impact}">${t.impact[impact]}</span> · ${t.incidentStatus[incident.status]} ·
      ${timeTag(ctx, incident.startedAt)}${incident.resolvedAt ? html` – ${timeTag(ctx, incident.resolvedAt)}` : ''}
    </p>
    ${incident.backfilled ? html`<p class="muted">${t.backfilledNote}</p>` : ''} ${renderAffected(ctx, incident, 'h2')}
    <section aria-labelledby="h-updates">
      <h2 id="h-updates">${t.updates}</h2>
      <ol class="plain">
        ${incident.updates.map((u) => renderUpdate(ctx, u))}
      </ol>
    </section>`;
  return renderLayout(ctx, {
    title: t.incidentTitle(incident.name, ctx.view.page.name),
    main,
    path: `/incidents/${incident.id}`,
  });
}
