/** How times are shown: the page's zone and the reader's language. */
export interface TimeFormat {
  timeZone: string;
  locale: string;
}

const zoneNames = new Map<string, string>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per (locale, options): building an Intl.DateTimeFormat costs far more than using
 * one, and a page with 90-day bars formats thousands of dates per render.
 */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    if (formatters.size > 1000) formatters.clear();
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

/**
 * The short name of a zone at an instant ("CET", "EDT", "AEDT"), falling back to the "GMT+1" form
 * where no abbreviation is in common use. English locales carry the most abbreviations: en-US knows
 * the American ones, en-GB the European ones, en-AU the Australian ones.
 */
export function zoneAbbreviation(at: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(at.getTime() / 3_600_000)}`;
  const cached = zoneNames.get(key);
  if (cached) return cached;
  let name = 'UTC';
  for (const locale of ['en-US', 'en-GB', 'en-AU', 'en-IN']) {
    const part = dateFormatter(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!part) continue;
    name = part;
    if (!/^(GMT|UTC)[+-−]/.test(part)) break;
  }
  if (zoneNames.size > 10_000) zoneNames.clear();
  zoneNames.set(key, name);
  return name;
}

/** "Nov 23, 2026, 14:05 CET" in the page's zone. */
export function formatDateTime(iso: string, format: TimeFormat): string {
  const at = new Date(iso);
  const text = dateFormatter(format.locale, {
    timeZone: format.timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} ${zoneAbbreviation(at, format.timeZone)}`;
}

/** "November 2026" in the page's zone. */
export function formatMonth(year: number, month: number, locale: string): string {
  return dateFormatter(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

/** "Nov 23" for a calendar date 'YYYY-MM-DD'. */
export function formatDay(date: string, locale: string): string {
  return dateFormatter(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** The calendar date ('YYYY-MM-DD') of an instant in a zone. */
export function localDate(iso: string, timeZone: string): string {
  return dateFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
