import type { AppContext } from '../../app/context.js';
import { loadUptime, type CheckTotalsCache } from '../../app/public/load-uptime.js';
import type { Page } from '../../core/model.js';
import { renderBadge } from './badge.js';
import { renderEmbedScript } from './embed-script.js';
import { renderAtom, renderRss } from './feeds.js';
import { uptimeLookup, type UptimeLookup } from './html/uptime-html.js';
import type { SnapshotRenderers } from './snapshot/page-snapshot.js';
import { SnapshotRegistry, type SnapshotLogger } from './snapshot/snapshot-registry.js';

/** How often each page is rebuilt without a change (uptime bars, running durations, "last updated"). */
export const SNAPSHOT_REFRESH_MS = 60_000;
/** How often change counters are compared (writes by other nodes or processes show within this). */
export const SNAPSHOT_POLL_MS = 1_000;
/** A database read slower than this counts as the database being unreachable. */
export const SNAPSHOT_READ_TIMEOUT_MS = 5_000;

/** The feed, badge and embed renderers every snapshot uses. */
export const PUBLIC_RENDERERS: SnapshotRenderers = {
  rss: (data, baseUrl) => renderRss(data.view, { baseUrl, pageUrl: data.pageUrl }),
  atom: (data, baseUrl) => renderAtom(data.view, { baseUrl, pageUrl: data.pageUrl }),
  badge: (data) => renderBadge(data.view.status),
  embed: (baseUrl) => renderEmbedScript({ baseUrl }),
};

/**
 * The 90-day bars of a page, from incidents and maintenance, with what its monitors measured
 * (docs/uptime.md). Pass a cache to read settled days' check totals once per process.
 */
export async function loadUptimeLookup(
  app: AppContext,
  page: Page,
  now: Date,
  cache?: CheckTotalsCache,
): Promise<UptimeLookup> {
  return uptimeLookup(await loadUptime(app.db, page, now, UPTIME_DAYS, cache));
}

/** Days of history in the uptime bars. */
export const UPTIME_DAYS = 90;

/** The public pages' snapshot registry with every renderer wired in. */
export function createPublicSnapshots(
  app: AppContext,
  opts: { publicUrl: string; logger?: SnapshotLogger; refreshMs?: number; pollMs?: number },
): SnapshotRegistry {
  const checkTotals: CheckTotalsCache = new Map();
  return new SnapshotRegistry(app, {
    publicUrl: opts.publicUrl,
    refreshMs: opts.refreshMs ?? SNAPSHOT_REFRESH_MS,
    pollMs: opts.pollMs ?? SNAPSHOT_POLL_MS,
    readTimeoutMs: SNAPSHOT_READ_TIMEOUT_MS,
    renderers: PUBLIC_RENDERERS,
    loadUptime: (page, now) => loadUptimeLookup(app, page, now, checkTotals),
    logger: opts.logger,
  });
}
