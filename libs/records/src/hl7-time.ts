/**
 * HL7 v3 TS values (YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]) as ISO 8601: a date stays a date,
 * a time keeps its offset (UTC when none is given). Null when the value is not a TS.
 */
export function hl7TimeToIso(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d+)?([+-]\d{4})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  if (!mo) return `${y}-01-01`;
  if (!d) return `${y}-${mo}-01`;
  if (!isCalendarDate(y, mo, d)) return null;
  if (!h) return `${y}-${mo}-${d}`;
  const offset = tz ? `${tz.slice(0, 3)}:${tz.slice(3)}` : 'Z';
  return `${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s ?? '00'}${frac ?? ''}${offset}`;
}

function isCalendarDate(y: string, mo: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
}

/** ISO 8601 date or date-time (with offset or Z); what canonical formats accept for date fields. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

export function isIsoDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) && !Number.isNaN(Date.parse(value));
}
