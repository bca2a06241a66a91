import type { PageUptime } from '../../../app/public/load-uptime.js';
import type { UptimeDay, UptimeSeries } from '../../../core/uptime.js';
import { formatDuration } from './format-duration.js';
import type { RenderContext } from './render-context.js';
import { html, type SafeHtml } from './safe-html.js';
import { formatDay } from './time-format.js';

/** A page's uptime, by component and by (component, segment). */
export interface UptimeLookup {
  component(componentId: string): UptimeSeries | null;
  segment(componentId: string, segmentId: string): UptimeSeries | null;
}

/** Index a page's uptime for rendering. */
export function uptimeLookup(uptime: PageUptime): UptimeLookup {
  const byComponent = new Map(uptime.components.map((c) => [c.componentId, c]));
  return {
    component: (id) => byComponent.get(id)?.uptime ?? null,
    segment: (id, segmentId) => byComponent.get(id)?.segments.find((s) => s.segmentId === segmentId)?.uptime ?? null,
  };
}

function dayDetail(ctx: RenderContext, day: UptimeDay): string {
  const d = ctx.t.uptimeDayDetail;
  if (day.status === null) return d.noData;
  const parts: string[] = [];
  const m = (minutes: number) => formatDuration(minutes * 60, ctx.t);
  if (day.majorMinutes > 0) parts.push(d.major(m(day.majorMinutes)));
  if (day.partialMinutes > 0) parts.push(d.partial(m(day.partialMinutes)));
  if (day.degradedMinutes > 0) parts.push(d.degraded(m(day.degradedMinutes)));
  if (day.maintenanceMinutes > 0) parts.push(d.maintenance(m(day.maintenanceMinutes)));
  return parts.length > 0 ? parts.join(', ') : d.noDowntime;
}

/** True when a day needs its own tooltip (quiet days share the legend's meaning, and keep the page small). */
function isEventful(day: UptimeDay): boolean {
  return day.status !== 'operational';
}

/**
 * The coloured days (a picture: hidden from screen readers, each eventful day's detail in its
 * tooltip) and, for everyone, the uptime percentage as text.
 */
export function renderUptimeBars(ctx: RenderContext, label: string, series: UptimeSeries | null): SafeHtml {
  if (!series) return html``;
  const { t } = ctx;
  const bars = series.days.map((day) =>
    isEventful(day)
      ? html`<li
          class="u-${day.status ?? 'nodata'}"
          title="${t.uptimeDay(formatDay(day.date, t.locale), dayDetail(ctx, day))}"
        ></li>`
      : html`<li></li>`,
  );
  const percent = series.percent === null ? t.uptimeNoData : t.uptimePercent(series.percent.toFixed(2));
  return html`<ol class="bars" aria-hidden="true" data-label="${label}">
      ${bars}
    </ol>
    <div class="barlegend">
      <span>${t.uptimeWindow(series.days.length)}</span><span>${percent}</span><span>${t.today}</span>
    </div>`;
}

/** Whether a segment's days differ from its component's (only then is its own bar worth showing). */
export function differsFrom(a: UptimeSeries, b: UptimeSeries): boolean {
  return a.days.some((day, i) => day.status !== b.days[i]?.status);
}
