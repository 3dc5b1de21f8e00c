import type { Request, Response } from 'express';
import sv from './sv.json';
import en from './en.json';

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
/** Swedish first: public services in Sweden speak Swedish unless the person asks otherwise. */
export const DEFAULT_LOCALE: Locale = 'sv';
export const LOCALE_COOKIE = 'samarkiv.lang';

export type MessageKey = keyof typeof sv;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { sv, en };

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, params) => {
    const text = messages[key] ?? CATALOGUES[DEFAULT_LOCALE][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `?lang=` chooses (and is remembered in a cookie for a year); otherwise the cookie; otherwise Swedish. */
export function resolveLocale(req: Request, res: Response): Locale {
  const asked = req.query?.lang;
  if (isLocale(asked)) {
    res.cookie(LOCALE_COOKIE, asked, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000, path: '/' });
    return asked;
  }
  const remembered = (req as Request & { cookies?: Record<string, string> }).cookies?.[LOCALE_COOKIE];
  return isLocale(remembered) ? remembered : DEFAULT_LOCALE;
}

/** Dates as people read them in the chosen language, in Swedish time. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

/** Confirmations a redirect may ask for with `?done=`; anything else is ignored. */
export function isNoticeKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value.startsWith('done.') && value in CATALOGUES[DEFAULT_LOCALE];
}

/** A calendar date (or the date part of a date-time) as people read it in the chosen language. */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '–';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: locale === 'sv' ? 'short' : 'medium', timeZone: 'Europe/Stockholm' }).format(date);
}

export function formatNumber(value: number, locale: Locale, decimals?: number): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}
