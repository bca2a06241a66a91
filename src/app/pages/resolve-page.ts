import { notFound } from '../../core/errors.js';
import type { Page } from '../../core/model.js';
import { findDefaultPage, findPageById } from '../../store/pages-store.js';
import type { Db } from '../context.js';

/** The page a request names, or the default page when it names none. */
export async function resolvePage(db: Db, pageId: string | null | undefined): Promise<Page> {
  const page = pageId ? await findPageById(db, pageId) : await findDefaultPage(db);
  if (!page) {
    throw pageId
      ? notFound('PAGE_NOT_FOUND', `No page has the id "${pageId}".`)
      : notFound(
          'PAGE_NOT_FOUND',
          'There is no status page yet; start the server once or create one with POST /api/v1/pages.',
        );
  }
  return page;
}
