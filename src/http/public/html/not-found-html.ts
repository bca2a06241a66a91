import { renderLayout } from './layout.js';
import { pageLink, type RenderContext } from './render-context.js';
import { html } from './safe-html.js';

/** The status page's own 404: the page's header and footer, and a way back. */
export function renderNotFoundPage(ctx: RenderContext): string {
  const main = html`<h1>${ctx.t.pageNotFound}</h1>
    <p>${ctx.t.pageNotFoundBody}</p>
    <p><a href="${pageLink(ctx, '/')}">${ctx.t.backToStatus}</a></p>`;
  return renderLayout(ctx, { title: ctx.t.pageNotFound, main, path: '/' });
}
