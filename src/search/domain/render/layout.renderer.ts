import { childElements, FieldValue, textOf, typeOfNamespace, XmlElement } from '@samarkiv/records';
import type { InformationTypeDefinition } from '../../../tenancy/tenancy.facade';
import { esc, factsTable, RenderLocale } from './html';
import type { Labels } from './render-labels';

const show = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(', ') || null : String(v));

/** Fields by the type's layout: each section with its label, each field with its label in the chosen language. */
export function renderLayout(type: InformationTypeDefinition, locale: RenderLocale, value: (field: string) => FieldValue | undefined, extra: Array<[string, string]> = []): string {
  const byName = new Map(type.fields.map((f) => [f.name, f]));
  const sections = type.layout.sections.map((s) => {
    const rows = s.fields.map((n): [string, string | null] => [byName.get(n)?.labels[locale] ?? n, show(value(n))]);
    const table = factsTable(rows);
    return table ? `<h2>${esc(s.labels[locale])}</h2>${table}` : '';
  });
  const placed = new Set(type.layout.sections.flatMap((s) => s.fields));
  const rest = type.fields.filter((f) => !placed.has(f.name)).map((f): [string, string | null] => [f.labels[locale], show(value(f.name))]);
  return sections.join('') + factsTable([...rest, ...extra]);
}

/** One `<record>` of a canonical XML file, by its id: values by element name, and attachments. */
export function canonicalRecord(root: XmlElement, typeId: string, recordId: string): { values: Map<string, string[]>; attachments: string[] } | null {
  const ns = typeOfNamespace(root.ns);
  if (root.name !== 'records' || !ns || ns.typeId !== typeId) return null;
  const rec = childElements(root, 'record').find((r) => (r.attrs.id ?? '').trim() === recordId);
  if (!rec) return null;
  const values = new Map<string, string[]>();
  const attachments: string[] = [];
  for (const f of childElements(rec)) {
    if (f.name === 'attachment') attachments.push(f.attrs.path ?? '');
    else values.set(f.name, [...(values.get(f.name) ?? []), textOf(f)]);
  }
  return { values, attachments };
}

/** Canonical XML: the record's fields with the type's labels; elements that are not fields shown by name. */
export function renderCanonical(type: InformationTypeDefinition, locale: RenderLocale, t: Labels, rec: NonNullable<ReturnType<typeof canonicalRecord>>): string {
  const known = new Set(type.fields.map((f) => f.name));
  const extra: Array<[string, string]> = [...rec.values].filter(([k]) => !known.has(k)).map(([k, v]) => [`${t('unknownField')}: ${k}`, v.join(', ')]);
  if (rec.attachments.length) extra.push([t('attachments'), rec.attachments.join(', ')]);
  return renderLayout(type, locale, (n) => (rec.values.has(n) ? rec.values.get(n)!.join(', ') : undefined), extra);
}
