import type { DayChecks, PageUptime } from '../../../app/public/load-uptime.js';
import type { UptimeDay, UptimeSeries } from '../../../core/uptime.js';
import { formatDuration } from './format-duration.js';
import type { RenderContext } from './render-context.js';
import { html, type SafeHtml } from './safe-html.js';
import { formatDay } from './time-format.js';

/** A page's uptime, by component and by (component, segment), with what monitors measured. */
export interface UptimeLookup {
  component(componentId: string): UptimeSeries | null;
  segment(componentId: string, segmentId: string): UptimeSeries | null;
  componentChecks(componentId: string): readonly DayChecks[];
  segmentChecks(componentId: string, segmentId: string): readonly DayChecks[];
  incidentName: (incidentId: string) => string | null;
}

/** Index a page's uptime for rendering. */
export function uptimeLookup(uptime: PageUptime): UptimeLookup {
  const byComponent = new Map(uptime.components.map((c) => [c.componentId, c]));
  const seg = (id: string, segmentId: string) => byComponent.get(id)?.segments.find((s) => s.segmentId === segmentId);
  return {
    component: (id) => byComponent.get(id)?.uptime ?? null,
    segment: (id, segmentId) => seg(id, segmentId)?.uptime ?? null,
    componentChecks: (id) => byComponent.get(id)?.checks ?? [],
    segmentChecks: (id, segmentId) => seg(id, segmentId)?.checks ?? [],
    incidentName: (id) => uptime.incidentNames[id] ?? null,
  };
}

function dayDetail(
  ctx: RenderContext,
  day: UptimeDay,
  checks: DayChecks,
  incidentName: (id: string) => string | null,
): string {
  const d = ctx.t.uptimeDayDetail;
  const parts: string[] = [];
  const m = (minutes: number) => formatDuration(minutes * 60, ctx.t);
  if (day.status === null) parts.push(d.noData);
  else {
    if (day.majorMinutes > 0) parts.push(d.major(m(day.majorMinutes)));
    if (day.partialMinutes > 0) parts.push(d.partial(m(day.partialMinutes)));
    if (day.degradedMinutes > 0) parts.push(d.degraded(m(day.degradedMinutes)));
    if (day.maintenanceMinutes > 0) parts.push(d.maintenance(m(day.maintenanceMinutes)));
    if (parts.length === 0) parts.push(d.noDowntime);
  }
  if (checks && checks.count > 0) {
    parts.push(
      d.checks(formatCount(checks.count - checks.failures, ctx.t.locale), formatCount(checks.count, ctx.t.locale)),
    );
  }
  const names = day.incidentIds.map(incidentName).filter((n): n is string => n !== null);
  return parts.join(', ') + (names.length > 0 ? ` — ${names.join('; ')}` : '');
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** "1,438" / "1 438": one formatter per locale, as building one costs more than using it. */
function formatCount(n: number, locale: string): string {
  let format = countFormats.get(locale);
  if (!format) countFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/**
 * True when a day needs its own tooltip: something happened, or a monitor saw failures. Quiet days
 * share the legend's meaning, and keep the page small.
 */
function isEventful(day: UptimeDay, checks: DayChecks): boolean {
  return day.status !== 'operational' || (checks !== null && checks.failures > 0);
}

/**
 * The coloured days (a picture: hidden from screen readers, each eventful day's detail in its
 * tooltip) and, for everyone, the uptime percentage as text.
 */
export function renderUptimeBars(
  ctx: RenderContext,
  label: string,
  series: UptimeSeries | null,
  checks: readonly DayChecks[] = [],
  incidentName: (id: string) => string | null = () => null,
): SafeHtml {
  if (!series) return html``;
  const { t } = ctx;
  const bars = series.days.map((day, i) => {
    const measured = checks[i] ?? null;
    return isEventful(day, measured)
      ? html`<li
          class="u-${day.status ?? 'nodata'}"
          title="${t.uptimeDay(formatDay(day.date, t.locale), dayDetail(ctx, day, measured, incidentName))}"
        ></li>`
      : html`<li></li>`;
  });
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
