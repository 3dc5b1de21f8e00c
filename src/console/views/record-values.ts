import type { FieldValue } from '@samarkiv/records';
import { formatDate, formatDateTime, formatNumber } from '../i18n/i18n';
import type { PageView } from './page-view';

/** A personnummer or samordningsnummer as people write it (YYYYMMDD-NNNN); other ids as they are. */
export function personalId(value: string): string {
  return /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : value;
}

function one(view: PageView, kind: string, value: string | number): string {
  if (typeof value === 'number') return formatNumber(value, view.locale, kind === 'amount' ? 2 : undefined);
  switch (kind) {
    case 'datetime':
      return formatDateTime(value, view.locale);
    case 'date':
      return formatDate(value, view.locale);
    case 'personal-identity-number':
      return personalId(value);
    case 'amount':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? formatNumber(Number(value), view.locale, kind === 'amount' ? 2 : undefined) : value;
    default:
      return value;
  }
}

/** A field's value as text in the page's language ("–" when empty; several values separated by commas). */
export function fieldText(view: PageView, kind: string, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((v) => one(view, kind, v)).join(', ');
  return one(view, kind, value);
}
