/** Terms in the index's terms array: "field=value" for exact values, "field^prefix" for prefixes. */
export const exactTerm = (field: string, value: string) => `${field}=${value.trim()}`;

/** Prefix terms are case-insensitive and bounded in length (codes, ids and numbers are short). */
export const MAX_PREFIX_CHARS = 12;
export const prefixTerm = (field: string, prefix: string) => `${field}^${prefix.trim().toLowerCase().slice(0, MAX_PREFIX_CHARS)}`;

export function prefixTerms(field: string, value: string): string[] {
  const v = value.trim().toLowerCase();
  const out: string[] = [];
  for (let n = 1; n <= Math.min(v.length, MAX_PREFIX_CHARS); n++) out.push(`${field}^${v.slice(0, n)}`);
  return out;
}
