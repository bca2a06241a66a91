import { invalid } from '../../core/errors.js';
import type { FooterLink, PageBranding } from '../../core/model.js';

/** Refuse a time zone the runtime does not know, so pages never show times in a made-up zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(
      'INVALID_TIME_ZONE',
      `"${timeZone}" is not an IANA time zone; use a name such as Europe/Paris or UTC.`,
      {
        field: 'time_zone',
      },
    );
  }
}

/** Slugs appear in URLs (/p/{slug}): lowercase letters, digits and dashes. */
export function assertSlug(slug: string): void {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(slug)) {
    throw invalid(
      'INVALID_SLUG',
      `"${slug}" is not a valid slug; use lowercase letters, digits and dashes (e.g. "acme-cloud").`,
      {
        field: 'slug',
      },
    );
  }
}

/** The languages the public page's interface ships in. */
export const PAGE_LANGUAGES = ['en', 'fr'] as const;

/** Refuse a page language we have no interface text for. */
export function assertPageLanguage(lang: string): void {
  if (!(PAGE_LANGUAGES as readonly string[]).includes(lang)) {
    throw invalid(
      'INVALID_LANGUAGE',
      `"${lang}" is not a language of the page; use one of ${PAGE_LANGUAGES.join(', ')}.`,
      {
        field: 'default_lang',
      },
    );
  }
}

/** Branding fields as an API caller sends them; undefined = unchanged. */
export interface BrandingInput {
  logoUrl?: string | null;
  accentColor?: string | null;
  footerLinks?: FooterLink[];
  customDomain?: string | null;
}

/** Apply and validate branding changes; returns the new branding. */
export function applyBranding(before: PageBranding, input: BrandingInput): PageBranding {
  const after: PageBranding = {
    logoUrl: input.logoUrl === undefined ? before.logoUrl : input.logoUrl,
    accentColor: input.accentColor === undefined ? before.accentColor : input.accentColor,
    footerLinks: input.footerLinks ?? before.footerLinks,
    customDomain: input.customDomain === undefined ? before.customDomain : (input.customDomain?.toLowerCase() ?? null),
  };
  if (after.logoUrl !== null && !isSafeUrl(after.logoUrl, ['https:', 'http:'], true)) {
    throw invalid('INVALID_LOGO_URL', 'logo_url must be an http(s) URL or a path starting with "/".', {
      field: 'logo_url',
    });
  }
  if (after.accentColor !== null && !/^#[0-9a-fA-F]{6}$/.test(after.accentColor)) {
    throw invalid('INVALID_ACCENT_COLOR', 'accent_color must be a colour written #rrggbb, e.g. #0b5fff.', {
      field: 'accent_color',
    });
  }
  after.footerLinks.forEach((link, index) => {
    if (!isSafeUrl(link.url, ['https:', 'http:', 'mailto:'], true)) {
      throw invalid('INVALID_FOOTER_LINK', `footer_links[${index}].url must be an http(s) or mailto URL.`, {
        field: `footer_links[${index}].url`,
      });
    }
  });
  if (
    after.customDomain !== null &&
    !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(
      after.customDomain,
    )
  ) {
    throw invalid(
      'INVALID_CUSTOM_DOMAIN',
      `"${after.customDomain}" is not a host name; give one like status.example.com, without scheme or port.`,
      { field: 'custom_domain' },
    );
  }
  return after;
}

function isSafeUrl(value: string, protocols: readonly string[], allowRootPath: boolean): boolean {
  if (allowRootPath && value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
