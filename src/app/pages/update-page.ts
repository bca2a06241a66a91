import { conflict } from '../../core/errors.js';
import type { Actor, Page } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findPageBySlug, updatePage as savePage } from '../../store/pages-store.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { applyBranding, assertPageLanguage, assertSlug, assertTimeZone, type BrandingInput } from './page-fields.js';
import { assertDomainFree } from './page-domain.js';
import { resolvePage } from './resolve-page.js';

/** Fields of a page that can change. */
export interface UpdatePageInput extends BrandingInput {
  name?: string;
  slug?: string;
  timeZone?: string;
  url?: string | null;
  defaultLang?: string;
}

/** Change a page's name, slug, time zone, URL, language or branding (admins only). */
export async function updatePage(app: AppContext, actor: Actor, pageId: string, input: UpdatePageInput): Promise<Page> {
  requireRole(actor, 'admin');
  if (input.slug !== undefined) assertSlug(input.slug);
  if (input.timeZone !== undefined) assertTimeZone(input.timeZone);
  if (input.defaultLang !== undefined) assertPageLanguage(input.defaultLang);
  return runWrite(app, async (trx) => {
    const before = await resolvePage(trx, pageId);
    if (input.slug !== undefined && input.slug !== before.slug) {
      const other = await findPageBySlug(trx, input.slug);
      if (other)
        throw conflict('PAGE_SLUG_TAKEN', `Another page already uses the slug "${input.slug}"; choose another.`);
    }
    const branding = applyBranding(before.branding, input);
    await assertDomainFree(trx, branding.customDomain, before.id);
    const after: Page = {
      ...before,
      name: input.name ?? before.name,
      slug: input.slug ?? before.slug,
      timeZone: input.timeZone ?? before.timeZone,
      url: input.url === undefined ? before.url : input.url,
      defaultLang: input.defaultLang ?? before.defaultLang,
      branding,
      updatedAt: app.now().toISOString(),
    };
    await savePage(trx, after);
    await audit(trx, app, actor, {
      action: 'page.updated',
      targetType: 'page',
      targetId: after.id,
      pageId: after.id,
      before,
      after,
    });
    return { value: after, changedPageIds: [after.id] };
  });
}
