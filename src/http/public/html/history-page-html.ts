import type { IncidentDetail } from '../../../app/incidents/load-incident-detail.js';
import { renderIncidentSummary } from './incident-html.js';
import { renderLayout } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html } from './safe-html.js';
import { formatMonth, localDate } from './time-format.js';

/** Months per history page, as Statuspage shows them. */
export const MONTHS_PER_HISTORY_PAGE = 3;

/** 'YYYY-MM' months, newest first, from `from` going back `count` months. */
function monthsBack(from: string, skip: number, count: number): Array<{ year: number; month: number }> {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const out: Array<{ year: number; month: number }> = [];
  for (let i = skip; i < skip + count; i++) {
    const index = y * 12 + (m - 1) - i;
    out.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return out;
}

/** How many history pages there are, given the oldest incident. */
export function historyPageCount(incidents: readonly IncidentDetail[], nowIso: string, timeZone: string): number {
  const now = localDate(nowIso, timeZone);
  const oldest = incidents.reduce((min, i) => (i.startedAt < min ? i.startedAt : min), nowIso);
  const [ny, nm] = now.split('-').map(Number) as [number, number];
  const [oy, om] = localDate(oldest, timeZone).split('-').map(Number) as [number, number];
  const months = ny * 12 + nm - (oy * 12 + om) + 1;
  return Math.max(1, Math.ceil(months / MONTHS_PER_HISTORY_PAGE));
}

/** The history: incidents grouped by month, newest first, three months per page (page 1 = now). */
export function renderHistoryPage(
  ctx: RenderContext,
  incidents: readonly IncidentDetail[],
  pageNumber: number,
): string {
  const { view, t } = ctx;
  const zone = view.page.timeZone;
  const now = localDate(view.generatedAt, zone);
  const pages = historyPageCount(incidents, view.generatedAt, zone);
  const months = monthsBack(now, (pageNumber - 1) * MONTHS_PER_HISTORY_PAGE, MONTHS_PER_HISTORY_PAGE);
  const sections = months.map(({ year, month }) => {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const inMonth = incidents.filter((i) => localDate(i.startedAt, zone).startsWith(key));
    return html`<section aria-labelledby="m-${key}">
      <h2 id="m-${key}">${formatMonth(year, month, t.locale)}</h2>
      ${
        inMonth.length > 0
          ? html`<ul class="plain">
              ${inMonth.map((i) => renderIncidentSummary(ctx, i, 'h3'))}
            </ul>`
          : html`<p class="muted">${t.noIncidentsInMonth}</p>`
      }
    </section>`;
  });
  const link = (n: number) => pageLink(ctx, n === 1 ? '/history' : `/history/page/${n}`);
  const newer = pageNumber > 1 ? link(pageNumber - 1) : null;
  const older = pageNumber < pages ? link(pageNumber + 1) : null;
  const main = html`<h1>${t.incidentHistory}</h1>
    ${sections}
    <nav class="pager" aria-label="${t.incidentHistory}">
      ${newer ? html`<a href="${newer}">← ${t.newerIncidents}</a>` : html`<span></span>`}${
        older ? html`<a href="${older}">${t.olderIncidents} →</a>` : html`<span></span>`
      }
    </nav>`;
  return renderLayout(ctx, { title: t.historyTitle(view.page.name), main, path: '/history' });
}
