import type { AppContext } from '../../../app/context.js';
import { loadPublicSnapshot } from '../../../app/public/load-public-snapshot.js';
import type { Page } from '../../../core/model.js';
import { listPages, listPageVersions } from '../../../store/pages-store.js';
import type { UptimeLookup } from '../html/uptime-html.js';
import { pageUrlFor } from '../v2-presenters.js';
import { PageSnapshot, type SnapshotData, type SnapshotRenderers } from './page-snapshot.js';

/** Where snapshot problems are reported. */
export interface SnapshotLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Settings of the snapshot layer. */
export interface SnapshotOptions {
  publicUrl: string;
  /** Rebuild every page this often even without changes (time-driven parts: bars, durations). */
  refreshMs: number;
  /** Check the change counters this often (other nodes' and processes' writes). */
  pollMs: number;
  /** Give up on a database read after this long and keep serving the last snapshot. */
  readTimeoutMs: number;
  renderers: SnapshotRenderers;
  /** Uptime bars for a page (wired in by whoever owns uptime); null = no bars. */
  loadUptime?: (page: Page, now: Date) => Promise<UptimeLookup | null>;
  logger?: SnapshotLogger;
}

/** A page snapshot and the path under which it answered. */
export interface ResolvedPage {
  snapshot: PageSnapshot;
  /** The path relative to the page's root. */
  path: string;
  /** '' when served at a host's root, else '/p/{slug}'. */
  basePath: string;
}

/**
 * Keeps every page's public snapshot in memory and fresh: rebuilt right after a local change, when
 * another process bumps a page's change counter, and on a timer. When the database does not answer,
 * the last snapshots stay in service marked stale, and the next successful read clears the mark.
 */
export class SnapshotRegistry {
  private readonly byId = new Map<string, PageSnapshot>();
  private readonly bySlug = new Map<string, string>();
  private readonly byDomain = new Map<string, string>();
  private defaultId: string | null = null;
  private readonly dirty = new Set<string>();
  private running: Promise<void> | null = null;
  private fullRefreshDue = false;
  private timers: NodeJS.Timeout[] = [];
  private unavailableSince: string | null = null;
  /** Changes requested and changes covered by a finished round, for writers waiting on their change. */
  private requested = 0;
  private covered = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private stopped = false;
  private polling = false;

  constructor(
    private readonly app: AppContext,
    private readonly options: SnapshotOptions,
  ) {}

  /** Build every page once, then keep them fresh until `stop()`. */
  async start(): Promise<void> {
    this.fullRefreshDue = true;
    await this.kick();
    this.timers.push(setInterval(() => void this.poll(), this.options.pollMs).unref());
    this.timers.push(
      setInterval(() => {
        this.fullRefreshDue = true;
        void this.kick();
      }, this.options.refreshMs).unref(),
    );
  }

  /** Stop the timers and wait for a rebuild in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.running;
    this.release(this.requested);
  }

  /** A write committed on this node changed a page: rebuild it now; resolves once it is visible. */
  pageChanged(pageId: string): Promise<void> {
    this.dirty.add(pageId);
    const seq = ++this.requested;
    const visible = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    void this.kick();
    return visible;
  }

  /** Rebuild every page now and wait for it (tests, after moving the clock; the export). */
  async refreshAll(): Promise<void> {
    await this.settled();
    this.fullRefreshDue = true;
    await this.kick();
  }

  /** Resolves once every change reported so far is visible in the snapshots. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Whether the last database read failed (the snapshots are being served stale). */
  get databaseUnavailableSince(): string | null {
    return this.unavailableSince;
  }

  /** Every snapshot (for the static export). */
  snapshots(): PageSnapshot[] {
    return [...this.byId.values()];
  }

  /** The page a request is for: /p/{slug}/… first, then a custom domain, then the default page. */
  resolve(host: string | undefined, path: string): ResolvedPage | null {
    const prefixed = /^\/p\/([a-z0-9-]{1,64})(\/.*)?$/.exec(path);
    if (prefixed) {
      const id = this.bySlug.get(prefixed[1]!);
      const snapshot = id ? this.byId.get(id) : undefined;
      return snapshot ? { snapshot, path: prefixed[2] ?? '/', basePath: `/p/${prefixed[1]!}` } : null;
    }
    if (host) {
      const name = host.replace(/:\d+$/, '').toLowerCase();
      const id = this.byDomain.get(name);
      const snapshot = id ? this.byId.get(id) : undefined;
      if (snapshot) return { snapshot, path, basePath: '' };
    }
    const snapshot = this.defaultId ? this.byId.get(this.defaultId) : undefined;
    return snapshot ? { snapshot, path, basePath: '' } : null;
  }

  /** Run rebuilds one at a time; changes that arrive meanwhile are picked up by the next round. */
  private kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        while (!this.stopped && (this.fullRefreshDue || this.dirty.size > 0)) {
          const seq = this.requested;
          if (this.fullRefreshDue) {
            this.fullRefreshDue = false;
            this.dirty.clear();
            await this.rebuildAll();
          } else {
            const ids = [...this.dirty];
            this.dirty.clear();
            await this.rebuildPages(ids);
          }
          this.release(seq);
        }
      } catch (error) {
        this.markUnavailable(error);
        // A writer must not wait on a database that is gone; its change shows when it returns.
        this.release(this.requested);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private release(seq: number): void {
    this.covered = Math.max(this.covered, seq);
    const ready = this.waiters.filter((w) => w.seq <= this.covered);
    this.waiters = this.waiters.filter((w) => w.seq > this.covered);
    for (const w of ready) w.resolve();
  }

  /** Compare change counters with the snapshots' and rebuild what moved. */
  private async poll(): Promise<void> {
    // One poll at a time: against a silent network, overlapping polls would pile up connections.
    if (this.running || this.stopped || this.polling) return;
    this.polling = true;
    try {
      const versions = await this.withTimeout(listPageVersions(this.app.db));
      if (this.unavailableSince) {
        // The database is back: rebuild everything, which also clears the stale marks.
        this.fullRefreshDue = true;
      } else {
        for (const [id, version] of versions) {
          const snapshot = this.byId.get(id);
          if (!snapshot || snapshot.data.version !== version) this.dirty.add(id);
        }
      }
      if (this.fullRefreshDue || this.dirty.size > 0) await this.kick();
    } catch (error) {
      this.markUnavailable(error);
    } finally {
      this.polling = false;
    }
  }

  private async rebuildAll(): Promise<void> {
    const pages = await this.withTimeout(listPages(this.app.db));
    const versions = await this.withTimeout(listPageVersions(this.app.db));
    for (const page of pages) await this.rebuild(page, pages[0]?.id === page.id, versions.get(page.id) ?? 0);
    this.bySlug.clear();
    this.byDomain.clear();
    for (const page of pages) {
      this.bySlug.set(page.slug, page.id);
      if (page.branding.customDomain) this.byDomain.set(page.branding.customDomain, page.id);
    }
    this.defaultId = pages[0]?.id ?? null;
    this.markAvailable();
  }

  private async rebuildPages(ids: string[]): Promise<void> {
    // Slugs, domains or the default page may have changed with the page row: re-read the page list.
    if (ids.some((id) => !this.byId.has(id))) return this.rebuildAll();
    const pages = await this.withTimeout(listPages(this.app.db));
    const versions = await this.withTimeout(listPageVersions(this.app.db));
    for (const page of pages.filter((p) => ids.includes(p.id))) {
      await this.rebuild(page, pages[0]?.id === page.id, versions.get(page.id) ?? 0);
    }
    this.bySlug.clear();
    this.byDomain.clear();
    for (const page of pages) {
      this.bySlug.set(page.slug, page.id);
      if (page.branding.customDomain) this.byDomain.set(page.branding.customDomain, page.id);
    }
    this.defaultId = pages[0]?.id ?? null;
    this.markAvailable();
  }

  private async rebuild(page: Page, isDefault: boolean, version: number): Promise<void> {
    const snapshot = await this.withTimeout(buildPageSnapshot(this.app, page, isDefault, version, this.options));
    this.byId.set(page.id, snapshot);
  }

  private markUnavailable(error: unknown): void {
    if (!this.unavailableSince) {
      this.unavailableSince = this.app.now().toISOString();
      this.options.logger?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'database unreachable: serving the last public snapshots',
      );
    }
    for (const snapshot of this.byId.values()) snapshot.setStale(true);
  }

  private markAvailable(): void {
    if (this.unavailableSince) {
      this.options.logger?.info({ since: this.unavailableSince }, 'database reachable again: snapshots rebuilt');
      this.unavailableSince = null;
    }
    for (const snapshot of this.byId.values()) snapshot.setStale(false);
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`database read timed out after ${this.options.readTimeoutMs} ms`)),
        this.options.readTimeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

/** Read one page and freeze it as a snapshot (also used by the static export). */
export async function buildPageSnapshot(
  app: AppContext,
  page: Page,
  isDefault: boolean,
  version: number,
  options: Pick<SnapshotOptions, 'publicUrl' | 'renderers' | 'loadUptime'>,
): Promise<PageSnapshot> {
  const now = app.now();
  const source = await loadPublicSnapshot(app.db, page, now, { uidDomain: new URL(options.publicUrl).host });
  const uptime = options.loadUptime ? await options.loadUptime(page, now) : null;
  const pageUrl = pageUrlFor(page, options.publicUrl, isDefault);
  const data: SnapshotData = { ...source, uptime, pageUrl, isDefault, version };
  return new PageSnapshot(data, options.renderers, pageUrl);
}
