import type { Db } from '../app/context.js';
import type { FooterLink, Page } from '../core/model.js';
import type { PageTable } from './schema.js';

function toPage(row: PageTable): Page {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    url: row.url,
    defaultLang: row.default_lang,
    branding: {
      logoUrl: row.logo_url,
      accentColor: row.accent_color,
      footerLinks: row.footer_links_json ? (JSON.parse(row.footer_links_json) as FooterLink[]) : [],
      customDomain: row.custom_domain,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** All pages, the default page first, then oldest first. */
export async function listPages(db: Db): Promise<Page[]> {
  const rows = await db
    .selectFrom('pages')
    .selectAll()
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPage);
}

/** A page by id. */
export async function findPageById(db: Db, id: string): Promise<Page | undefined> {
  const row = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPage(row);
}

/** A page by slug. */
export async function findPageBySlug(db: Db, slug: string): Promise<Page | undefined> {
  const row = await db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toPage(row);
}

/** The default page, served at / and /api/v2. */
export async function findDefaultPage(db: Db): Promise<Page | undefined> {
  const row = await db.selectFrom('pages').selectAll().where('is_default', '=', 1).limit(1).executeTakeFirst();
  return row && toPage(row);
}

/** Insert a page; `isDefault` marks the one page served at / and /api/v2. */
export async function insertPage(db: Db, page: Page, isDefault = false): Promise<void> {
  await db
    .insertInto('pages')
    .values({
      id: page.id,
      slug: page.slug,
      name: page.name,
      time_zone: page.timeZone,
      url: page.url,
      default_lang: page.defaultLang,
      ...brandingColumns(page),
      is_default: isDefault ? 1 : 0,
      created_at: page.createdAt,
      updated_at: page.updatedAt,
    })
    .execute();
}

/** Save a page's editable fields. */
export async function updatePage(db: Db, page: Page): Promise<void> {
  await db
    .updateTable('pages')
    .set({
      slug: page.slug,
      name: page.name,
      time_zone: page.timeZone,
      url: page.url,
      default_lang: page.defaultLang,
      ...brandingColumns(page),
      updated_at: page.updatedAt,
    })
    .where('id', '=', page.id)
    .execute();
}

/** Mark a page as changed now (its public `updated_at`). */
export async function touchPage(db: Db, pageId: string, at: string): Promise<void> {
  await db.updateTable('pages').set({ updated_at: at }).where('id', '=', pageId).execute();
}

function brandingColumns(page: Page) {
  return {
    logo_url: page.branding.logoUrl,
    accent_color: page.branding.accentColor,
    footer_links_json: page.branding.footerLinks.length > 0 ? JSON.stringify(page.branding.footerLinks) : null,
    custom_domain: page.branding.customDomain,
  };
}

/** A page by the custom domain that serves it (lowercase host name without port). */
export async function findPageByDomain(db: Db, domain: string): Promise<Page | undefined> {
  const row = await db.selectFrom('pages').selectAll().where('custom_domain', '=', domain).executeTakeFirst();
  return row && toPage(row);
}

/** Count a change to what a page shows; call inside the transaction that made it. */
export async function bumpPageVersion(db: Db, pageId: string, at: string): Promise<void> {
  await db
    .insertInto('page_versions')
    .values({ page_id: pageId, version: 1, changed_at: at })
    .onConflict((oc) =>
      oc.column('page_id').doUpdateSet((eb) => ({ version: eb('page_versions.version', '+', 1), changed_at: at })),
    )
    .execute();
}

/** Every page's change counter (pages never changed are absent). */
export async function listPageVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('page_versions').select(['page_id', 'version']).execute();
  return new Map(rows.map((r) => [r.page_id, Number(r.version)]));
}
