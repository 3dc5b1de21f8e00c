import type { CanonicalRecord, FieldValue } from '@samarkiv/records';
import type { InformationTypeDefinition } from '../../tenancy/tenancy.facade';
import { IndexColumn } from './search-plan';
import { IndexRow } from './indexed-record';
import { archiveRecordId } from './record-id';
import { exactTerm, prefixTerms } from './index-terms';

export interface AipRef {
  tenantId: string;
  aipId: string;
  deliveryId: string;
  sourceSystem: string;
  tier: 'intermediate' | 'final';
}

/** Sentinels so typed columns are never NULL: keyset pagination stays simple and index-friendly. */
export const NO_DATE = '-infinity';
export const NO_NUMBER = '-Infinity';
/** to_tsvector refuses vectors over 1 MB; longer bodies are indexed up to this many characters. */
const MAX_INDEXED_BODY = 400_000;

/** Where each field of a type lives in the index. */
export class TypeIndexLayout {
  readonly columnOf = new Map<string, IndexColumn>();

  constructor(readonly type: InformationTypeDefinition) {
    const { date, unit, keys, number } = type.index;
    if (date) this.columnOf.set(date, 'record_date');
    if (unit) this.columnOf.set(unit, 'unit');
    keys.forEach((k, i) => this.columnOf.set(k, `key${i + 1}` as IndexColumn));
    if (number) this.columnOf.set(number, 'num');
  }

  field(name: string) {
    return this.type.fields.find((f) => f.name === name);
  }

  /** The personal-identity-number party field (patient), if the type has one. */
  get patientField(): string | undefined {
    return this.type.fields.find((f) => f.kind === 'personal-identity-number' && this.type.partyFields.includes(f.name))?.name;
  }

  /** Text fields searched as names (prefix or substring): trigram-indexed. */
  get nameFields(): string[] {
    return this.type.fields.filter((f) => f.kind === 'text' && f.search.includes('prefix')).map((f) => f.name);
  }
}

const asStrings = (v: FieldValue | undefined): string[] =>
  v === null || v === undefined ? [] : Array.isArray(v) ? v.filter((s) => s.trim() !== '') : String(v).trim() === '' ? [] : [String(v)];

/** One canonical record → one index row. */
export function buildIndexRow(layout: TypeIndexLayout, aip: AipRef, rec: CanonicalRecord): IndexRow {
  const type = layout.type;
  const fields: Record<string, FieldValue> = {};
  for (const f of type.fields) {
    const v = rec.fields[f.name];
    if (v !== undefined && v !== null && f.name !== 'text') fields[f.name] = v;
  }
  if (type.fields.some((f) => f.name === 'sourceSystem') && fields.sourceSystem === undefined) fields.sourceSystem = aip.sourceSystem;
  const col = (name: string | undefined): string => (name === undefined ? '' : (asStrings(fields[name])[0] ?? ''));
  const dateValue = col(type.index.date);
  const numValue = col(type.index.number);
  const terms = new Set<string>();
  const aText: string[] = [];
  for (const f of type.fields) {
    const values = asStrings(fields[f.name]);
    if (values.length === 0) continue;
    if (!layout.columnOf.has(f.name) && f.kind !== 'personal-identity-number') {
      if (f.search.includes('exact') || f.search.includes('facet')) for (const v of values) terms.add(exactTerm(f.name, v));
      if (f.search.includes('prefix') && f.kind !== 'text') for (const v of values) for (const t of prefixTerms(f.name, v)) terms.add(t);
    }
    if (f.search.includes('fulltext')) aText.push(...values);
  }
  const body = rec.text ?? '';
  return {
    id: archiveRecordId(aip.tenantId, aip.aipId, rec.recordId),
    tenantId: aip.tenantId,
    informationTypeId: type.id,
    tier: aip.tier,
    aipId: aip.aipId,
    deliveryId: aip.deliveryId,
    sourceSystem: aip.sourceSystem,
    sourceRecordId: rec.recordId,
    sourceFile: rec.sourceFile,
    patientId: rec.patient?.id ?? null,
    patientIssuer: rec.patient?.issuer ?? null,
    recordDate: dateValue && !Number.isNaN(Date.parse(dateValue)) ? dateValue : NO_DATE,
    unit: col(type.index.unit),
    keys: [col(type.index.keys[0]), col(type.index.keys[1]), col(type.index.keys[2])],
    num: numValue !== '' && !Number.isNaN(Number(numValue)) ? numValue : NO_NUMBER,
    terms: [...terms],
    names: layout.nameFields.flatMap((n) => asStrings(fields[n])).join(' | ').toLowerCase(),
    fields,
    body,
    attachments: rec.attachments ?? [],
    weightedText: { a: aText.join('\n'), d: body.length > MAX_INDEXED_BODY ? body.slice(0, MAX_INDEXED_BODY) : body },
  };
}
