import { conflict } from '../../core/errors.js';
import type { PageBranding } from '../../core/model.js';
import { findPageByDomain } from '../../store/pages-store.js';
import type { Db } from '../context.js';

/** A page without a logo, accent colour, footer links or custom domain. */
export const NO_BRANDING: Readonly<PageBranding> = Object.freeze({
  logoUrl: null,
  accentColor: null,
  footerLinks: [],
  customDomain: null,
});

/** Refuse a custom domain another page already serves (`pageId` = the page being changed). */
export async function assertDomainFree(db: Db, domain: string | null, pageId: string | null): Promise<void> {
  if (domain === null) return;
  const other = await findPageByDomain(db, domain);
  if (other && other.id !== pageId) {
    throw conflict('PAGE_DOMAIN_TAKEN', `The page "${other.slug}" already uses the domain ${domain}; choose another.`, {
      field: 'custom_domain',
    });
  }
}
