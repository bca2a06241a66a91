import type { Messages } from '../i18n/messages.js';

/** "2 days 3 h 12 min" in the reader's language; "less than a minute" below 60 s. */
export function formatDuration(seconds: number, t: Messages): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return t.lessThanAMinute;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(t.durationParts.days(days));
  if (hours > 0) parts.push(t.durationParts.hours(hours));
  if (mins > 0 && days === 0) parts.push(t.durationParts.minutes(mins));
  return parts.join(' ');
}
