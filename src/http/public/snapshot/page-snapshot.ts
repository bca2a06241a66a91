import type { IncidentDetail } from '../../../app/incidents/load-incident-detail.js';
import type { PageView } from '../../../app/public/load-page-view.js';
import { renderHistoryPage, historyPageCount } from '../html/history-page-html.js';
import { renderIncidentPage } from '../html/incident-page-html.js';
import { renderMaintenancePage } from '../html/maintenance-page-html.js';
import { LOCAL_TIME_SCRIPT } from '../html/local-time-script.js';
import { renderNotFoundPage } from '../html/not-found-html.js';
import type { RenderContext } from '../html/render-context.js';
import { renderStatusPage } from '../html/status-page-html.js';
import type { UptimeLookup } from '../html/uptime-html.js';
import { CATALOGS, type LanguageChoice } from '../i18n/negotiate-language.js';
import {
  presentActiveMaintenances,
  presentComponents,
  presentIncidents,
  presentScheduledMaintenances,
  presentStatus,
  presentSummary,
  presentUnresolved,
  presentUpcomingMaintenances,
  type V2Options,
} from '../v2-presenters.js';
import { V2_ENDPOINTS, type PublicRoute } from './public-path.js';
import { SnapshotFile } from './snapshot-file.js';

/** Everything read from the database for one page's public side, in one go. */
export interface SnapshotData {
  view: PageView;
  /** Incidents for the history pages and incident pages (most recent first). */
  history: IncidentDetail[];
  uptime: UptimeLookup | null;
  /** The maintenance calendar (iCalendar text). */
  calendar: string;
  /** The page's public URL (for JSON `page.url` and feed links). */
  pageUrl: string;
  /** Whether this page is served at the root of the main host. */
  isDefault: boolean;
  /** The page's change counter when the data was read. */
  version: number;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
// Readers and CDNs may reuse a response for a few seconds; the ETag makes revalidation cheap.
const SHORT = 'public, max-age=10, stale-while-revalidate=30, stale-if-error=86400';
const FEED = 'public, max-age=60, stale-if-error=86400';
const ASSET = 'public, max-age=86400';

const PRESENTERS: Record<(typeof V2_ENDPOINTS)[number], (view: PageView, opts: V2Options) => unknown> = {
  'summary.json': presentSummary,
  'status.json': presentStatus,
  'components.json': presentComponents,
  'incidents.json': presentIncidents,
  'incidents/unresolved.json': presentUnresolved,
  'scheduled-maintenances.json': presentScheduledMaintenances,
  'scheduled-maintenances/upcoming.json': presentUpcomingMaintenances,
  'scheduled-maintenances/active.json': presentActiveMaintenances,
};

/** Extra renderers wired in from outside the HTML folder (feeds, badge, embed). */
export interface SnapshotRenderers {
  rss?: (data: SnapshotData, baseUrl: string) => string;
  atom?: (data: SnapshotData, baseUrl: string) => string;
  badge?: (data: SnapshotData) => string;
  embed?: (baseUrl: string) => string;
}

/**
 * One page's public side, frozen at a point in time. Files are rendered on first request and kept
 * for the life of the snapshot; the database is never touched to answer a request.
 */
export class PageSnapshot {
  readonly builtAt: string;
  private stale = false;
  private readonly files = new Map<string, SnapshotFile | null>();
  private readonly incidentsById: Map<string, IncidentDetail>;

  constructor(
    readonly data: SnapshotData,
    private readonly renderers: SnapshotRenderers,
    /** The page's public URL, for links in feeds and the embed script. */
    readonly baseUrl: string,
  ) {
    this.builtAt = data.view.generatedAt;
    this.incidentsById = new Map(data.history.map((i) => [i.id, i]));
    for (const i of data.view.recentIncidents) this.incidentsById.set(i.id, i);
    for (const i of data.view.unresolvedIncidents) this.incidentsById.set(i.id, i);
  }

  get pageId(): string {
    return this.data.view.page.id;
  }

  /** Whether this snapshot is being served because the database does not answer. */
  get isStale(): boolean {
    return this.stale;
  }

  /** Mark (or clear) staleness; HTML is re-rendered to show or drop the notice. */
  setStale(stale: boolean): void {
    if (stale === this.stale) return;
    this.stale = stale;
    for (const key of [...this.files.keys()]) if (key.includes('|html:')) this.files.delete(key);
  }

  /**
   * The file for a route in a language, or null when there is nothing there (e.g. an unknown
   * incident). `basePath` is '' when the page is served at a host's root, else '/p/{slug}'.
   */
  file(route: PublicRoute, lang: LanguageChoice, basePath: string): SnapshotFile | null {
    const key = `${basePath}|${this.keyOf(route, lang)}`;
    if (this.files.has(key)) return this.files.get(key)!;
    const made = this.render(route, lang, basePath);
    this.files.set(key, made);
    return made;
  }

  /** The localized 404 page of this status page. */
  notFound(lang: LanguageChoice, basePath: string): SnapshotFile {
    const key = `${basePath}|html:404:${lang.lang}:${lang.explicit ? 1 : 0}`;
    let file = this.files.get(key);
    if (!file) {
      file = SnapshotFile.text(renderNotFoundPage(this.context(lang, basePath)), HTML, 'no-store', true);
      this.files.set(key, file);
    }
    return file;
  }

  /** Every route this snapshot can serve in the page's default language (for the static export). */
  allRoutes(): PublicRoute[] {
    const { view, history } = this.data;
    const pages = historyPageCount(history, view.generatedAt, view.page.timeZone);
    return [
      { kind: 'index' },
      ...Array.from({ length: pages }, (_, i) => ({ kind: 'history' as const, page: i + 1 })),
      ...[...this.incidentsById.keys()].map((id) => ({ kind: 'incident' as const, id })),
      ...[...new Set([...view.openMaintenances, ...view.recentMaintenances].map((m) => m.id))].map((id) => ({
        kind: 'incident' as const,
        id,
      })),
      ...V2_ENDPOINTS.map((endpoint) => ({ kind: 'json' as const, endpoint })),
      { kind: 'rss' },
      { kind: 'atom' },
      { kind: 'badge' },
      { kind: 'calendar' },
      { kind: 'embed' },
      { kind: 'asset', name: 'local-time.js' },
    ];
  }

  private maintenanceById(id: string) {
    const { openMaintenances, recentMaintenances } = this.data.view;
    return openMaintenances.find((m) => m.id === id) ?? recentMaintenances.find((m) => m.id === id) ?? null;
  }

  private keyOf(route: PublicRoute, lang: LanguageChoice): string {
    switch (route.kind) {
      case 'index':
        return `html:index:${lang.lang}:${lang.explicit ? 1 : 0}`;
      case 'history':
        return `html:history:${route.page}:${lang.lang}:${lang.explicit ? 1 : 0}`;
      case 'incident':
        return `html:incident:${route.id}:${lang.lang}:${lang.explicit ? 1 : 0}`;
      case 'json':
        return `json:${route.endpoint}`;
      case 'asset':
        return `asset:${route.name}`;
      default:
        return route.kind;
    }
  }

  private context(lang: LanguageChoice, basePath: string): RenderContext {
    const page = this.data.view.page;
    const t = CATALOGS[lang.lang] ?? CATALOGS.en!;
    return {
      view: this.data.view,
      t,
      lang: lang.lang,
      explicitLang: lang.explicit,
      basePath,
      time: { timeZone: page.timeZone, locale: t.locale },
      staleSince: this.stale ? this.builtAt : null,
      assetsPath: '/assets',
    };
  }

  private render(route: PublicRoute, lang: LanguageChoice, basePath: string): SnapshotFile | null {
    const { data, renderers } = this;
    switch (route.kind) {
      case 'index':
        return SnapshotFile.text(renderStatusPage(this.context(lang, basePath), data.uptime), HTML, SHORT, true);
      case 'history': {
        const ctx = this.context(lang, basePath);
        const pages = historyPageCount(data.history, data.view.generatedAt, data.view.page.timeZone);
        if (route.page > pages) return null;
        return SnapshotFile.text(renderHistoryPage(ctx, data.history, route.page), HTML, SHORT, true);
      }
      case 'incident': {
        const incident = this.incidentsById.get(route.id);
        if (!incident) {
          const window = this.maintenanceById(route.id);
          return window
            ? SnapshotFile.text(renderMaintenancePage(this.context(lang, basePath), window), HTML, SHORT, true)
            : null;
        }
        return SnapshotFile.text(renderIncidentPage(this.context(lang, basePath), incident), HTML, SHORT, true);
      }
      case 'json': {
        const present = PRESENTERS[route.endpoint as keyof typeof PRESENTERS];
        return SnapshotFile.text(JSON.stringify(present(data.view, { pageUrl: data.pageUrl })), JSON_TYPE, SHORT);
      }
      case 'calendar':
        return SnapshotFile.text(data.calendar, 'text/calendar; charset=utf-8', FEED);
      case 'rss':
        return renderers.rss
          ? SnapshotFile.text(renderers.rss(data, this.baseUrl), 'application/rss+xml; charset=utf-8', FEED)
          : null;
      case 'atom':
        return renderers.atom
          ? SnapshotFile.text(renderers.atom(data, this.baseUrl), 'application/atom+xml; charset=utf-8', FEED)
          : null;
      case 'badge':
        return renderers.badge
          ? SnapshotFile.text(renderers.badge(data), 'image/svg+xml; charset=utf-8', 'public, max-age=30')
          : null;
      case 'embed':
        return renderers.embed
          ? SnapshotFile.text(renderers.embed(this.baseUrl), 'text/javascript; charset=utf-8', 'public, max-age=300')
          : null;
      case 'asset':
        return SnapshotFile.text(LOCAL_TIME_SCRIPT, 'text/javascript; charset=utf-8', ASSET);
    }
  }
}
