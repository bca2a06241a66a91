import type { MaintenanceDetail } from '../../../app/maintenance/load-maintenance-details.js';
import { bodyHtml } from './body-html.js';
import { renderLayout, timeTag } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html } from './safe-html.js';

/** One maintenance window: when, what, its status and its updates (Statuspage links both at /incidents/{id}). */
export function renderMaintenancePage(ctx: RenderContext, m: MaintenanceDetail): string {
  const { t } = ctx;
  const names = m.currentComponents.map((c) => c.name).join(', ');
  const main = html`<p><a href="${pageLink(ctx, '/')}">${t.backToStatus}</a></p>
    <h1>${m.maintenance.name}</h1>
    <p>${t.maintenanceStatus[m.status]} · ${timeTag(ctx, m.startsAt)} – ${timeTag(ctx, m.endsAt)}</p>
    ${names ? html`<p class="muted">${t.affected}: ${names}</p>` : ''} ${bodyHtml(m.maintenance.message)}
    ${
      m.updates.length > 0
        ? html`<section aria-labelledby="h-updates">
            <h2 id="h-updates">${t.updates}</h2>
            <ol class="plain">
              ${m.updates.map(
                (u) =>
                  html`<li class="upd">
                    <p class="meta">
                      <span class="label">${t.maintenanceStatus[u.status]}</span> · ${timeTag(ctx, u.displayAt)}
                    </p>
                    ${bodyHtml(u.body)}
                  </li>`,
              )}
            </ol>
          </section>`
        : ''
    }`;
  return renderLayout(ctx, {
    title: t.incidentTitle(m.maintenance.name, ctx.view.page.name),
    main,
    path: `/incidents/${m.id}`,
  });
}
