/**
 * PostgreSQL's COPY text format: one line per row, fields separated by tabs, `\N` for NULL, and
 * backslash, newline, carriage return and tab escaped. Cheaper for the server to read than a JSON
 * document (no second parse of every value), which is why the indexing sends its rows this way.
 */
const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export const copyEscape = (s: string): string => (SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : s);

/** A text[] literal: every element quoted, so no element is read as NULL or split. */
export const arrayLiteral = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export type CopyValue = string | number | null | readonly string[] | { json: unknown };

export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return copyEscape(v);
  if (typeof v === 'number') return String(v);
  if ('json' in v) return copyEscape(JSON.stringify(v.json));
  return copyEscape(arrayLiteral(v as readonly string[]));
}

export const copyLine = (fields: readonly CopyValue[]): string => `${fields.map(copyField).join('\t')}\n`;
