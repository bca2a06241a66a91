import { EN, type Messages } from './messages.js';
import { FR } from './messages-fr.js';

/** Interface text by language code. */
export const CATALOGS: Readonly<Record<string, Messages>> = Object.freeze({ en: EN, fr: FR });

/** The supported language codes. */
export const LANGUAGES = Object.keys(CATALOGS);

/** The language chosen for a request, and whether the reader asked for it explicitly (`?lang=`). */
export interface LanguageChoice {
  lang: string;
  explicit: boolean;
}

/**
 * Choose the interface language: `?lang=` first, then the best `Accept-Language` match (by q-value,
 * primary subtag), then the page's default.
 */
export function negotiateLanguage(
  query: string | null,
  acceptLanguage: string | undefined,
  pageDefault: string,
): LanguageChoice {
  if (query && CATALOGS[query.toLowerCase()]) return { lang: query.toLowerCase(), explicit: true };
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
      })
      .filter((x) => x.lang !== '' && Number.isFinite(x.q) && x.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const { lang } of ranked) {
      if (lang === '*') break;
      if (CATALOGS[lang]) return { lang, explicit: false };
    }
  }
  return { lang: CATALOGS[pageDefault] ? pageDefault : 'en', explicit: false };
}
