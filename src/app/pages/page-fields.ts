import { invalid } from '../../core/errors.js';

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
