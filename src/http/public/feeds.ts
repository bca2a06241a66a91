import type { PageView } from '../../app/public/load-page-view.js';
import { renderMarkdown } from './markdown.js';
import { dateFormatter } from './html/time-format.js';

// The page's history as RSS 2.0 and Atom 1.0, at Statuspage's paths (/history.rss, /history.atom).
// Each item is an incident or a maintenance window; its text lists every update, newest first, as
// "time (page zone) · status · body", the way Statuspage's feeds read. Output is a pure function
// of the view, so the snapshot can cache it with a stable ETag.

/** Where the feed and its items live. */
export interface FeedOptions {
  /** Base of the page's public routes (no trailing slash): items link to `${baseUrl}/incidents/{id}`. */
  baseUrl: string;
  /** The page's public URL, the feed's home link. */
  pageUrl: string;
}

interface FeedItem {
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  html: string;
}

const STATUS_LABELS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The page's history as an RSS 2.0 document. */
export function renderRss(view: PageView, opts: FeedOptions): string {
  const items = feedItems(view, opts);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(feedTitle(view))}</title>`,
    `<link>${xml(opts.pageUrl)}</link>`,
    `<description>${xml(`Incident and maintenance history of ${view.page.name}`)}</description>`,
    `<language>${xml(view.page.defaultLang)}</language>`,
    `<atom:link href="${xml(`${opts.baseUrl}/history.rss`)}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${rfc822(lastUpdated(view, items))}</lastBuildDate>`,
    ...items.map((item) =>
      [
        '<item>',
        `<title>${xml(item.title)}</title>`,
        `<link>${xml(item.link)}</link>`,
        `<guid isPermaLink="true">${xml(item.id)}</guid>`,
        `<pubDate>${rfc822(item.published)}</pubDate>`,
        `<description>${xml(item.html)}</description>`,
        '</item>',
      ].join(''),
    ),
    '</channel>',
    '</rss>',
  ];
  return lines.join('\n') + '\n';
}

/** The page's history as an Atom 1.0 document. */
export function renderAtom(view: PageView, opts: FeedOptions): string {
  const items = feedItems(view, opts);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(view.page.defaultLang)}">`,
    `<id>${xml(`${opts.baseUrl}/history`)}</id>`,
    `<title>${xml(feedTitle(view))}</title>`,
    `<updated>${iso(lastUpdated(view, items))}</updated>`,
    `<link rel="alternate" type="text/html" href="${xml(opts.pageUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(`${opts.baseUrl}/history.atom`)}"/>`,
    `<author><name>${xml(view.page.name)}</name></author>`,
    ...items.map((item) =>
      [
        '<entry>',
        `<id>${xml(item.id)}</id>`,
        `<title>${xml(item.title)}</title>`,
        `<link rel="alternate" type="text/html" href="${xml(item.link)}"/>`,
        `<published>${iso(item.published)}</published>`,
        `<updated>${iso(item.updated)}</updated>`,
        `<content type="html">${xml(item.html)}</content>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ];
  return lines.join('\n') + '\n';
}

function feedTitle(view: PageView): string {
  return `${view.page.name} - Incident History`;
}

/** Incidents and maintenance windows, most recently updated first. */
function feedItems(view: PageView, opts: FeedOptions): FeedItem[] {
  const zone = view.page.timeZone;
  const incidents = view.recentIncidents.map((incident): FeedItem => {
    const link = `${opts.baseUrl}/incidents/${encodeURIComponent(incident.id)}`;
    return {
      id: link,
      title: incident.name,
      link,
      published: incident.startedAt,
      updated: latest([incident.startedAt, ...incident.updates.map((u) => u.displayAt)]),
      html: incident.updates.map((u) => updateHtml(u.displayAt, u.status, u.body, zone)).join(''),
    };
  });
  const maintenances = view.recentMaintenances.map((window): FeedItem => {
    const link = `${opts.baseUrl}/incidents/${encodeURIComponent(window.id)}`;
    const planned = `<p><small>${xmlText(`Scheduled for ${formatTime(window.startsAt, zone)} – ${formatTime(window.endsAt, zone)}`)}</small></p>`;
    return {
      id: link,
      title: window.maintenance.name,
      link,
      published: window.createdAt,
      updated: latest([window.createdAt, ...window.updates.map((u) => u.displayAt)]),
      html: planned + window.updates.map((u) => updateHtml(u.displayAt, u.status, u.body, zone)).join(''),
    };
  });
  return [...incidents, ...maintenances].sort(
    (a, b) => Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? -1 : 1),
  );
}

function updateHtml(at: string, status: string, body: string, zone: string): string {
  const head = `<p><small>${xmlText(formatTime(at, zone))}</small><br><strong>${xmlText(STATUS_LABELS[status] ?? status)}</strong></p>`;
  return head + renderMarkdown(body);
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/** Without items the page's own last change dates the feed, so the bytes stay stable between builds. */
function lastUpdated(view: PageView, items: readonly FeedItem[]): string {
  return items.length ? latest(items.map((i) => i.updated)) : view.page.updatedAt;
}

/** "Nov 11, 23:30 UTC": the page's zone with its abbreviation, as Statuspage's feeds show. */
function formatTime(at: string, timeZone: string): string {
  const parts = dateFormatter('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')} ${part('day')}, ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

function rfc822(at: string): string {
  return new Date(at).toUTCString();
}

function iso(at: string): string {
  return new Date(at).toISOString();
}

// XML 1.0 forbids most control characters even when escaped; an update pasted from a terminal
// may carry some, and one would make the whole feed unreadable.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for an XML element or attribute. */
function xml(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
