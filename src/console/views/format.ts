import type { Locale } from '../i18n/i18n';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes as people read them (1 000-based, as file managers show sizes), in the page's language. */
export function formatBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes === null || bytes === undefined) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const number = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${UNITS[unit]}`;
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(n);
}

/** A date (no time) in Swedish time, or a dash. */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}
