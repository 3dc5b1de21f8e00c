import type { FieldValue } from '@samarkiv/records';
import type { InformationTypeDefinition } from '../../tenancy/tenancy.facade';
import { IndexedRecord } from './indexed-record';

export interface RecordSummary {
  id: string;
  informationTypeId: string;
  tier: string;
  date: string | null;
  unit: string | null;
  patient: { id: string; issuer: string | null } | null;
  sourceSystem: string;
  /** The type's fields marked `shown`, by name. */
  fields: Record<string, FieldValue>;
}

/** A record in a result list: only the fields the type shows. */
export function toSummary(type: InformationTypeDefinition, r: IndexedRecord): RecordSummary {
  const fields: Record<string, FieldValue> = {};
  for (const f of type.fields) if (f.shown && r.fields[f.name] !== undefined) fields[f.name] = r.fields[f.name];
  return {
    id: r.id,
    informationTypeId: r.informationTypeId,
    tier: r.tier,
    date: r.recordDate ? r.recordDate.toISOString() : null,
    unit: r.unit,
    patient: r.patientId ? { id: r.patientId, issuer: r.patientIssuer } : null,
    sourceSystem: r.sourceSystem,
    fields,
  };
}

export interface RecordView {
  id: string;
  informationType: { id: string; labels: { sv: string; en: string } };
  tier: string;
  patient: { id: string; issuer: string | null } | null;
  sections: Array<{ id: string; labels: { sv: string; en: string }; fields: Array<{ name: string; labels: { sv: string; en: string }; kind: string; value: FieldValue }> }>;
  attachments: Array<{ index: number; path: string; href: string }>;
  source: { system: string; file: string; href: string; aipId: string; deliveryId: string; recordId: string };
}

/** The record rendered per the type's layout: sections in order, fields in the section's order. */
export function toView(type: InformationTypeDefinition, r: IndexedRecord & { body: string }): RecordView {
  const byName = new Map(type.fields.map((f) => [f.name, f]));
  const value = (name: string): FieldValue => (name === 'text' ? r.body || null : (r.fields[name] ?? null));
  return {
    id: r.id,
    informationType: { id: type.id, labels: type.labels },
    tier: r.tier,
    patient: r.patientId ? { id: r.patientId, issuer: r.patientIssuer } : null,
    sections: type.layout.sections.map((s) => ({
      id: s.id,
      labels: s.labels,
      fields: s.fields.map((n) => ({ name: n, labels: byName.get(n)!.labels, kind: byName.get(n)!.kind, value: value(n) })),
    })),
    attachments: r.attachments.map((path, index) => ({ index, path, href: `/api/v1/records/${r.id}/attachments/${index}` })),
    source: { system: r.sourceSystem, file: r.sourceFile, href: `/api/v1/records/${r.id}/original`, aipId: r.aipId, deliveryId: r.deliveryId, recordId: r.sourceRecordId },
  };
}
