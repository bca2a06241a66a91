import type { AppContext } from '../../app/context.js';
import { loadPageView, type PageView } from '../../app/public/load-page-view.js';
import { findDefaultPage, findPageBySlug } from '../../store/pages-store.js';
import { pageUrlFor } from './v2-presenters.js';

/**
 * Reads a page's public view by slug (null = the default page). Until the snapshot read path lands,
 * each public request reads the database.
 */
export function createPublicViewLoader(app: AppContext, publicUrl: string) {
  return async (slug: string | null): Promise<{ view: PageView; pageUrl: string } | null> => {
    const defaultPage = await findDefaultPage(app.db);
    const page = slug === null ? defaultPage : await findPageBySlug(app.db, slug);
    if (!page) return null;
    const view = await loadPageView(app.db, page, app.now());
    return { view, pageUrl: pageUrlFor(page, publicUrl, page.id === defaultPage?.id) };
  };
}
