// "in 5 hours", "3 days ago", "tomorrow": how far a deadline or a last contact is from now, in the
// officer's language.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function relativeTime(target: Date, now: Date, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diff = target.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < HOUR) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 48 * HOUR) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 60 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  if (abs < 730 * DAY) return rtf.format(Math.round(diff / (30.44 * DAY)), 'month');
  return rtf.format(Math.round(diff / (365.25 * DAY)), 'year');
}

/** Whole days from `today` to `date` (both YYYY-MM-DD), as "today", "in 3 days", "2 days ago". */
export function relativeDay(date: string, today: string, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
  if (Math.abs(days) < 60) return rtf.format(days, 'day');
  return rtf.format(Math.round(days / 30.44), 'month');
}
