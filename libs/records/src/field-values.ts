import { CanonicalRecord, FieldKind, FindingSink, RecordFindingCode, RecordTypeShape } from './canonical-record';
import { isIsoDate, isIsoDateTime } from './hl7-time';
import { normalisePatientIdentifier } from './personal-identity';

export interface ValueOptions {
  /** CSV exports from Swedish systems often write 1 234,50. */
  decimalComma?: boolean;
}

/** One raw value as its field kind wants it; undefined when it does not fit (the caller reports it). */
export function convertValue(kind: FieldKind, raw: string, options: ValueOptions = {}): string | number | undefined {
  const v = raw.trim();
  switch (kind) {
    case 'date':
      return isIsoDate(v) ? v : compactDate(v);
    case 'datetime':
      return isIsoDateTime(v) ? v : compactDate(v);
    case 'number':
    case 'amount': {
      let n = v.replace(/[\s\u00a0]/g, '');
      if (options.decimalComma) n = n.replace(',', '.');
      return /^[-+]?\d+(\.\d+)?$/.test(n) ? Number(n) : undefined;
    }
    default:
      return v;
  }
}

/** YYYYMMDD, common in older exports. */
function compactDate(v: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(iso) ? iso : undefined;
}

/**
 * Builds a record from raw values per field name (already split for multi-valued fields): converts
 * each to its kind, moves the `text` field to the record's full text and takes the patient from
 * the type's personal-identity-number party field. Problems go to `findings` without values.
 */
export function buildRecord(
  type: RecordTypeShape,
  input: { recordId: string; sourceFile: string; values: Map<string, string[]>; issuers?: Map<string, string | null>; attachments?: string[]; where: string },
  findings: FindingSink,
  options: ValueOptions = {},
): CanonicalRecord {
  const fields: CanonicalRecord['fields'] = {};
  let text: string | undefined;
  let patient: CanonicalRecord['patient'];
  const partyFields = new Set(type.partyFields);
  for (const field of type.fields) {
    const raws = (input.values.get(field.name) ?? []).map((r) => r.trim()).filter((r) => r !== '');
    if (raws.length === 0) continue;
    if (!field.multiple && raws.length > 1) findings.error(RecordFindingCode.InvalidValue, `${input.where}: field ${field.name} has ${raws.length} values but takes one`);
    if (field.name === 'text' && field.kind === 'text') {
      text = raws.join('\n');
      continue;
    }
    if (field.kind === 'personal-identity-number') {
      const n = normalisePatientIdentifier(raws[0], input.issuers?.get(field.name) ?? null);
      if (n.invalid) findings.error(RecordFindingCode.InvalidPersonalId, `${input.where}: field ${field.name} is not a valid personnummer or samordningsnummer`);
      fields[field.name] = n.patient.id;
      if (partyFields.has(field.name) && !patient) patient = n.patient;
      continue;
    }
    const converted: Array<string | number> = [];
    for (const raw of raws) {
      const value = convertValue(field.kind, raw, options);
      if (value === undefined) findings.error(RecordFindingCode.InvalidValue, `${input.where}: field ${field.name} is not a valid ${field.kind}`);
      else converted.push(value);
    }
    if (converted.length === 0) continue;
    fields[field.name] = field.multiple ? converted.map(String) : converted[0];
  }
  return {
    recordId: input.recordId,
    informationTypeId: type.id,
    fields,
    ...(text !== undefined ? { text } : {}),
    ...(patient ? { patient } : {}),
    ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    sourceFile: input.sourceFile,
  };
}
