import type { Page } from '../../core/model.js';
import { findDefaultPage, insertPage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { NO_BRANDING } from './page-domain.js';

/**
 * Make sure one page exists so a fresh install has something to show. Safe to call from several
 * nodes at once: the unique slug lets only one insert win, and the others read the winner.
 */
export async function ensureDefaultPage(app: AppContext, defaults: { name: string; timeZone: string }): Promise<Page> {
  const existing = await findDefaultPage(app.db);
  if (existing) return existing;
  const at = app.now().toISOString();
  const page: Page = {
    id: app.newId(),
    slug: 'default',
    name: defaults.name,
    timeZone: defaults.timeZone,
    url: null,
    defaultLang: 'en',
    branding: { ...NO_BRANDING, footerLinks: [] },
    createdAt: at,
    updatedAt: at,
  };
  try {
    await insertPage(app.db, page, true);
    return page;
  } catch (error) {
    const winner = await findDefaultPage(app.db);
    if (winner) return winner;
    throw error;
  }
}
