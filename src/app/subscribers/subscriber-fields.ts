import { invalid } from '../../core/errors.js';
import type { SubscriberType } from '../../core/notification.js';
import { findLiveComponentsByIds } from '../../store/components-store.js';
import type { Db } from '../context.js';

// Validation shared by every way in (public sign-up, admin API, CSV import).

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** A normalised e-mail address (trimmed, lower case), or INVALID_EMAIL. */
export function normalizeEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw invalid('INVALID_EMAIL', `"${value.slice(0, 80)}" is not an e-mail address.`, { field: 'email' });
  }
  return email;
}

/** A subscriber's address for its type: an e-mail for `email`, an http(s) URL for the others. */
export function normalizeAddress(type: SubscriberType, email: string | undefined, url: string | undefined): string {
  if (type === 'email') {
    if (!email) throw invalid('SUBSCRIBER_ADDRESS_REQUIRED', 'An e-mail subscriber needs `email`.', { field: 'email' });
    return normalizeEmail(email);
  }
  if (!url) throw invalid('SUBSCRIBER_ADDRESS_REQUIRED', `A ${type} subscriber needs \`url\`.`, { field: 'url' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('INVALID_WEBHOOK_URL', `"${url.slice(0, 80)}" is not a URL.`, { field: 'url' });
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > 2000 || parsed.username) {
    throw invalid(
      'INVALID_WEBHOOK_URL',
      'A webhook URL must be http(s), without credentials, at most 2000 characters.',
      {
        field: 'url',
      },
    );
  }
  return parsed.toString();
}

/** The given component ids, checked to be live components of the page; sorted and unique. */
export async function checkSubscriberComponents(
  db: Db,
  pageId: string,
  ids: readonly string[] | undefined,
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])].sort();
  if (unique.length === 0) return [];
  const found = await findLiveComponentsByIds(db, unique);
  const missing = unique.filter((id) => !found.some((c) => c.id === id && c.pageId === pageId));
  if (missing.length > 0) {
    throw invalid('COMPONENT_NOT_FOUND', `No component of this page has the id "${missing[0]}".`, {
      field: 'component_ids',
      component_ids: missing,
    });
  }
  return unique;
}
