import { PAGE_CSS } from './page-styles.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html, trustedHtml, type SafeHtml } from './safe-html.js';
import { formatDateTime, zoneAbbreviation } from './time-format.js';

/** A `<time>` element in the page's zone; the browser script rewrites it in the reader's zone. */
export function timeTag(ctx: RenderContext, iso: string): SafeHtml {
  return html`<time datetime="${iso}">${formatDateTime(iso, ctx.time)}</time>`;
}

/** The document around a page's main content: head, header, stale notice, footer. */
export function renderLayout(ctx: RenderContext, opts: { title: string; main: SafeHtml; path: string }): string {
  const { view, t } = ctx;
  const { page } = view;
  const accent = page.branding.accentColor;
  const brand = page.branding.logoUrl
    ? html`<img src="${page.branding.logoUrl}" alt="" width="160" height="40" /><span>${page.name}</span>`
    : html`<span>${page.name}</span>`;
  const otherLang = ctx.lang === 'fr' ? 'en' : 'fr';
  const zone = zoneAbbreviation(new Date(view.generatedAt), page.timeZone);
  const doc = html`<!doctype html>
    <html lang="${t.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title}</title>
        <meta name="description" content="${t.pageTitle(page.name)}" />
        <link rel="alternate" type="application/rss+xml" title="${page.name} RSS" href="${ctx.basePath}/history.rss" />
        <link
          rel="alternate"
          type="application/atom+xml"
          title="${page.name} Atom"
          href="${ctx.basePath}/history.atom"
        />
        <style>
          ${trustedHtml(PAGE_CSS)}${accent ? trustedHtml(`:root{--accent:${accent}}`) : ''}
        </style>
        <script src="${ctx.assetsPath}/local-time.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="${pageLink(ctx, '/')}">${brand}</a>
            <nav class="top" aria-label="${t.pageTitle(page.name)}">
              <a href="${pageLink(ctx, '/history')}">${t.incidentHistory}</a>
              <a href="${ctx.basePath}${opts.path}?lang=${otherLang}" lang="${otherLang}" hreflang="${otherLang}"
                >${otherLang === 'fr' ? 'Français' : 'English'}</a
              >
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">
          ${
            ctx.staleSince
              ? html`<div class="notice" role="status">
                  <strong>${t.staleNotice(formatDateTime(ctx.staleSince, ctx.time))}</strong>
                </div>`
              : ''
          }
          ${opts.main}
        </main>
        <footer>
          <div class="wrap">
            <p data-zone-note data-yours="${t.timesShownInYours}">${t.timesShownIn(`${page.timeZone} (${zone})`)}</p>
            <p>${t.lastUpdated} ${timeTag(ctx, view.generatedAt)}</p>
            <p>
              ${t.feeds}: <a href="${ctx.basePath}/history.rss">${t.subscribeRss}</a> ·
              <a href="${ctx.basePath}/history.atom">${t.subscribeAtom}</a> ·
              <a href="${ctx.basePath}/maintenance.ics">${t.maintenanceCalendar}</a>
            </p>
            ${
              page.branding.footerLinks.length > 0
                ? html`<p>
                    ${page.branding.footerLinks.map((l) => html`<a href="${l.url}" rel="noopener">${l.label}</a>`)}
                  </p>`
                : ''
            }
            <p>${t.poweredBy}</p>
          </div>
        </footer>
      </body>
    </html> `;
  return collapseWhitespace(doc.value);
}

/**
 * Drop the indentation between tags (the templates are formatted for people), keeping one
 * whitespace character so inline words stay apart. `<pre>` blocks are left as they are.
 */
export function collapseWhitespace(markup: string): string {
  return markup
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/>\s+</g, (gap) => (gap.includes('\n') ? '>\n<' : '> <'))))
    .join('');
}
