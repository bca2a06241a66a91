import type { PageView } from '../../../app/public/load-page-view.js';
import type { Messages } from '../i18n/messages.js';
import type { TimeFormat } from './time-format.js';

/** Everything a public HTML renderer needs besides the data of the page it renders. */
export interface RenderContext {
  view: PageView;
  t: Messages;
  lang: string;
  /** The reader chose the language with ?lang=; internal links keep it. */
  explicitLang: boolean;
  /** '' when the page is served at the root (default page, custom domain), else '/p/{slug}'. */
  basePath: string;
  time: TimeFormat;
  /** Set while the database is unreachable: the snapshot's age is shown. */
  staleSince: string | null;
  /** Where shared assets live (the script that converts times): '/assets'. */
  assetsPath: string;
}

/** A link to another public page of the same status page, keeping an explicit language choice. */
export function pageLink(ctx: RenderContext, path: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (ctx.explicitLang) params.set('lang', ctx.lang);
  const qs = params.toString();
  const full = `${ctx.basePath}${path}`;
  return qs ? `${full}?${qs}` : full;
}
