/** A FHIR resource read from JSON or XML into one loose shape (XML singletons may be arrays in JSON). */
export type FhirNode = { [key: string]: FhirValue };
export type FhirValue = string | number | boolean | FhirNode | FhirValue[] | null | undefined;

export const arr = (v: FhirValue): FhirValue[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
export const first = (v: FhirValue): FhirValue => arr(v)[0];
export const node = (v: FhirValue): FhirNode | undefined => {
  const f = first(v);
  return f && typeof f === 'object' && !Array.isArray(f) ? (f as FhirNode) : undefined;
};
export const str = (v: FhirValue): string | null => {
  const f = first(v);
  if (typeof f === 'string') return f.trim() || null;
  if (typeof f === 'number' || typeof f === 'boolean') return String(f);
  return null;
};
/** Follows a path of property names, taking the first element at each step. */
export const at = (v: FhirValue, ...path: string[]): FhirValue => path.reduce<FhirValue>((cur, key) => node(cur)?.[key], v);

export function codeableText(cc: FhirValue): string | null {
  return str(at(cc, 'text')) ?? str(at(cc, 'coding', 'display')) ?? str(at(cc, 'coding', 'code'));
}

export function humanName(n: FhirValue): string | null {
  const name = node(n);
  if (!name) return null;
  if (str(name.text)) return str(name.text);
  const parts = [...arr(name.given).map(str), ...arr(name.family).map(str)].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : null;
}

/** Narrative XHTML to plain text (tags dropped, block ends as line breaks, entities decoded). */
export function narrativeText(html: string | null): string {
  if (!html) return '';
  return html
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
