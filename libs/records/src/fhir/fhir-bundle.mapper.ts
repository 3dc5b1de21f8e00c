import { CanonicalRecord, FindingSink, RecordFindingCode, RecordTypeShape } from '../canonical-record';
import { normalisePatientIdentifier, PERSONNUMMER_OID, SAMORDNINGSNUMMER_OID } from '../personal-identity';
import { arr, at, codeableText, FhirNode, FhirValue, humanName, narrativeText, node, str } from './fhir-model';

export interface FhirOptions {
  /** LOINC (or other) document type codes → canonical document types. */
  documentTypes?: Record<string, string>;
  /** Document types for the resource kinds that are not documents themselves. */
  resourceDocumentTypes?: Partial<Record<FhirRecordResource, string>>;
}

export type FhirRecordResource = 'Composition' | 'DocumentReference' | 'Encounter' | 'Observation' | 'Condition' | 'MedicationStatement';

const RECORD_RESOURCES = new Set<string>(['Composition', 'DocumentReference', 'Encounter', 'Observation', 'Condition', 'MedicationStatement']);
const DEFAULT_RESOURCE_TYPES: Record<FhirRecordResource, string> = {
  Composition: 'anteckning',
  DocumentReference: 'dokument',
  Encounter: 'vårdkontakt',
  Observation: 'provsvar',
  Condition: 'diagnos',
  MedicationStatement: 'läkemedel',
};
const ICD10_SYSTEMS = new Set(['http://hl7.org/fhir/sid/icd-10', 'http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10-se', 'urn:oid:1.2.752.116.1.1.1.1.3', 'urn:oid:2.16.840.1.113883.6.90', 'urn:oid:2.16.840.1.113883.6.3']);
const SWEDISH_SYSTEMS = [`urn:oid:${PERSONNUMMER_OID}`, `urn:oid:${SAMORDNINGSNUMMER_OID}`];

/** Resolves references inside one bundle: by fullUrl and by "Type/id". */
class BundleIndex {
  private readonly byRef = new Map<string, FhirNode>();

  constructor(entries: Array<{ fullUrl: string | null; resource: FhirNode }>) {
    for (const e of entries) {
      if (e.fullUrl) this.byRef.set(e.fullUrl, e.resource);
      const id = str(e.resource.id);
      const type = str(e.resource.resourceType);
      if (id && type) this.byRef.set(`${type}/${id}`, e.resource);
    }
  }

  resolve(ref: FhirValue): FhirNode | undefined {
    const r = str(at(ref, 'reference'));
    if (!r) return undefined;
    return this.byRef.get(r) ?? this.byRef.get(r.split('/').slice(-2).join('/'));
  }

  /** A reference's display text, else the referenced resource's name. */
  display(ref: FhirValue): string | null {
    const d = str(at(ref, 'display'));
    if (d) return d;
    const res = this.resolve(ref);
    if (!res) return null;
    return humanName(res.name) ?? str(res.name) ?? null;
  }
}

/**
 * FHIR R4 Bundle → patient-record records: Composition and DocumentReference are documents;
 * Encounter, Observation, Condition and MedicationStatement become records of their own kind.
 * Patient, Practitioner and Organization resources are only referenced.
 */
export function mapFhirBundle(bundle: FhirNode, file: string, type: RecordTypeShape, options: FhirOptions, findings: FindingSink): CanonicalRecord[] {
  if (str(bundle.resourceType) !== 'Bundle') {
    findings.error(RecordFindingCode.UnexpectedRoot, 'not a FHIR Bundle (resourceType must be Bundle)');
    return [];
  }
  const entries = arr(bundle.entry)
    .map((e) => ({ fullUrl: str(at(e, 'fullUrl')), resource: node(at(e, 'resource')) }))
    .filter((e): e is { fullUrl: string | null; resource: FhirNode } => !!e.resource);
  const index = new BundleIndex(entries);
  const declared = new Set(type.fields.map((f) => f.name));
  const out: CanonicalRecord[] = [];
  for (const { fullUrl, resource } of entries) {
    const kind = str(resource.resourceType) as FhirRecordResource;
    if (!RECORD_RESOURCES.has(kind)) continue;
    const where = `${kind} ${str(resource.id) ?? fullUrl ?? '?'}`;
    const patientRes = index.resolve(resource.subject ?? resource.patient);
    const patient = patientRes ? patientIdentifier(patientRes) : null;
    if (!patient) {
      findings.error(RecordFindingCode.MissingPatient, `${where}: the subject is not a Patient with an identifier in the bundle`);
      continue;
    }
    const normalised = normalisePatientIdentifier(patient.value, patient.system);
    if (normalised.invalid) findings.error(RecordFindingCode.InvalidPersonalId, `${where}: the patient's Swedish identifier fails the date or checksum test`);
    const v = describe(kind, resource, index, options);
    const values: CanonicalRecord['fields'] = {
      patientId: normalised.patient.id,
      patientName: humanName(patientRes!.name),
      ...v.fields,
    };
    const fields: CanonicalRecord['fields'] = {};
    for (const [k, val] of Object.entries(values)) if (declared.has(k) && val !== undefined && val !== null) fields[k] = val;
    out.push({
      recordId: str(resource.id) ? `${kind}/${str(resource.id)}` : (fullUrl ?? `${kind}#${out.length + 1}`),
      informationTypeId: type.id,
      fields,
      text: v.text,
      patient: normalised.patient,
      sourceFile: file,
    });
  }
  return out;
}

function patientIdentifier(p: FhirNode): { value: string; system: string | null } | null {
  const ids = arr(p.identifier).map((i) => ({ value: str(at(i, 'value')), system: str(at(i, 'system')) })).filter((i): i is { value: string; system: string | null } => !!i.value);
  return ids.find((i) => i.system && SWEDISH_SYSTEMS.includes(i.system)) ?? ids[0] ?? null;
}

function describe(kind: FhirRecordResource, r: FhirNode, index: BundleIndex, options: FhirOptions): { fields: CanonicalRecord['fields']; text: string } {
  const typeOf = (cc: FhirValue) => {
    const code = str(at(cc, 'coding', 'code'));
    return (code && options.documentTypes?.[code]) || options.resourceDocumentTypes?.[kind] || DEFAULT_RESOURCE_TYPES[kind];
  };
  const diagnoses = (cc: FhirValue) => arr(at(cc, 'coding')).filter((c) => ICD10_SYSTEMS.has(str(at(c, 'system')) ?? '')).map((c) => str(at(c, 'code'))).filter((c): c is string => !!c);
  const unitOf = (encounterRef: FhirValue) => index.display(at(index.resolve(encounterRef), 'serviceProvider'));
  switch (kind) {
    case 'Composition': {
      const legal = arr(r.attester).find((a) => str(at(a, 'mode')) === 'legal') ?? arr(r.attester)[0];
      const sections = sectionTexts(r.section);
      return {
        fields: {
          date: str(r.date),
          documentType: typeOf(r.type),
          title: str(r.title) ?? codeableText(r.type),
          author: index.display(r.author),
          careProvider: index.display(r.custodian),
          careUnit: unitOf(r.encounter) ?? index.display(r.custodian),
          signedBy: index.display(at(legal, 'party')),
          signedAt: str(at(legal, 'time')),
          diagnosisCodes: [],
        },
        text: [narrativeText(str(at(r, 'text', 'div'))), ...sections].filter(Boolean).join('\n\n'),
      };
    }
    case 'DocumentReference': {
      const attachment = at(r, 'content', 'attachment');
      const data = str(at(attachment, 'data'));
      const contentType = str(at(attachment, 'contentType')) ?? '';
      const text = data && contentType.startsWith('text/') ? Buffer.from(data, 'base64').toString('utf8') : '';
      return {
        fields: {
          date: str(r.date) ?? str(at(r, 'context', 'period', 'start')),
          documentType: typeOf(r.type),
          title: str(r.description) ?? str(at(attachment, 'title')) ?? codeableText(r.type),
          author: index.display(r.author),
          careProvider: index.display(r.custodian),
          careUnit: unitOf(at(r, 'context', 'encounter')) ?? index.display(r.custodian),
          diagnosisCodes: [],
        },
        text: [narrativeText(str(at(r, 'text', 'div'))), text].filter(Boolean).join('\n\n'),
      };
    }
    case 'Encounter':
      return {
        fields: {
          date: str(at(r, 'period', 'start')),
          documentType: typeOf(undefined),
          title: codeableText(r.type) ?? str(at(r, 'class', 'display')) ?? str(at(r, 'class', 'code')),
          author: index.display(at(r, 'participant', 'individual')),
          careUnit: index.display(r.serviceProvider),
          careProvider: index.display(r.serviceProvider),
          diagnosisCodes: arr(r.reasonCode).flatMap(diagnoses),
        },
        text: [codeableText(r.type), ...arr(r.reasonCode).map(codeableText), narrativeText(str(at(r, 'text', 'div')))].filter(Boolean).join('\n'),
      };
    case 'Observation': {
      const value = str(at(r, 'valueQuantity', 'value'));
      const result = value ? `${value} ${str(at(r, 'valueQuantity', 'unit')) ?? ''}`.trim() : (str(r.valueString) ?? codeableText(r.valueCodeableConcept));
      return {
        fields: {
          date: str(r.effectiveDateTime) ?? str(at(r, 'effectivePeriod', 'start')) ?? str(r.issued),
          documentType: typeOf(undefined),
          title: codeableText(r.code),
          author: index.display(r.performer),
          careUnit: unitOf(r.encounter),
          diagnosisCodes: [],
        },
        text: [codeableText(r.code), result, narrativeText(str(at(r, 'text', 'div')))].filter(Boolean).join('\n'),
      };
    }
    case 'Condition':
      return {
        fields: {
          date: str(r.recordedDate) ?? str(r.onsetDateTime) ?? str(at(r, 'onsetPeriod', 'start')),
          documentType: typeOf(undefined),
          title: codeableText(r.code),
          author: index.display(r.recorder) ?? index.display(r.asserter),
          careUnit: unitOf(r.encounter),
          diagnosisCodes: diagnoses(r.code),
        },
        text: [codeableText(r.code), codeableText(r.clinicalStatus), narrativeText(str(at(r, 'text', 'div')))].filter(Boolean).join('\n'),
      };
    case 'MedicationStatement':
      return {
        fields: {
          date: str(r.effectiveDateTime) ?? str(at(r, 'effectivePeriod', 'start')) ?? str(r.dateAsserted),
          documentType: typeOf(undefined),
          title: codeableText(r.medicationCodeableConcept) ?? index.display(r.medicationReference),
          author: index.display(r.informationSource),
          careUnit: unitOf(r.context),
          diagnosisCodes: [],
        },
        text: [codeableText(r.medicationCodeableConcept), ...arr(r.dosage).map((d) => str(at(d, 'text'))), narrativeText(str(at(r, 'text', 'div')))].filter(Boolean).join('\n'),
      };
  }
}

function sectionTexts(sections: FhirValue): string[] {
  return arr(sections).flatMap((s) => {
    const title = str(at(s, 'title'));
    const body = narrativeText(str(at(s, 'text', 'div')));
    const own = [title, body].filter(Boolean).join('\n');
    return [...(own ? [own] : []), ...sectionTexts(node(s)?.section)];
  });
}
