import { conflict } from '../../core/errors.js';
import type { Actor, Page } from '../../core/model.js';
import { requireRole } from '../../core/permissions.js';
import { findPageBySlug, insertPage } from '../../store/pages-store.js';
import { writeConfigAlertSubscriber } from '../subscribers/sync-alert-webhook.js';
import { assertDomainFree, NO_BRANDING } from './page-domain.js';
import type { AppContext } from '../context.js';
import { audit, runWrite } from '../transaction.js';
import { applyBranding, assertPageLanguage, assertSlug, assertTimeZone, type BrandingInput } from './page-fields.js';

/** Input for a new page. */
export interface CreatePageInput extends BrandingInput {
  name: string;
  slug: string;
  timeZone?: string;
  url?: string | null;
  defaultLang?: string;
}

/** Create another status page (admins only). */
export async function createPage(app: AppContext, actor: Actor, input: CreatePageInput): Promise<Page> {
  requireRole(actor, 'admin');
  assertSlug(input.slug);
  const timeZone = input.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const defaultLang = input.defaultLang ?? 'en';
  assertPageLanguage(defaultLang);
  const branding = applyBranding(NO_BRANDING, input);
  return runWrite(app, async (trx) => {
    if (await findPageBySlug(trx, input.slug)) {
      throw conflict('PAGE_SLUG_TAKEN', `Another page already uses the slug "${input.slug}"; choose another.`);
    }
    await assertDomainFree(trx, branding.customDomain, null);
    const at = app.now().toISOString();
    const page: Page = {
      id: app.newId(),
      slug: input.slug,
      name: input.name,
      timeZone,
      url: input.url ?? null,
      defaultLang,
      branding,
      createdAt: at,
      updatedAt: at,
    };
    await insertPage(trx, page);
    if (app.alertWebhookUrl) await writeConfigAlertSubscriber(trx, app, page, app.alertWebhookUrl);
    await audit(trx, app, actor, {
      action: 'page.created',
      targetType: 'page',
      targetId: page.id,
      pageId: page.id,
      after: page,
    });
    return { value: page, changedPageIds: [page.id] };
  });
}
