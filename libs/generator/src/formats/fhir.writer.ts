import { HSA_ID_OID } from '../swedish-ids';
import { ICD10SE_OID } from '../vocabulary/care';
import { Clinician, PatientDocument } from '../model';

const LOINC = 'http://loinc.org';
/** Where a section's attached file lies inside the package (relative to the bundle). */
export const ATTACHMENT_EXTENSION = 'https://samarkiv.se/fhir/StructureDefinition/attachment-path';
const urn = (id: string) => `urn:uuid:${id}`;
const oid = (o: string) => `urn:oid:${o}`;

/**
 * One patient-record document as a FHIR R4 document Bundle: Composition first, then Patient,
 * Practitioners, the care unit as Organization, Encounter and the diagnoses as Conditions.
 */
export function writeFhirBundle(doc: PatientDocument, attachmentPath?: string): string {
  const p = doc.patient;
  const ids = {
    composition: doc.id,
    patient: derived(doc.id, 'patient'),
    author: derived(doc.id, 'author'),
    signer: derived(doc.id, 'signer'),
    unit: derived(doc.id, 'unit'),
    encounter: doc.encounter.id,
  };
  const conditions = doc.diagnoses.map((d, i) => ({
    fullUrl: urn(derived(doc.id, `condition-${i}`)),
    resource: {
      resourceType: 'Condition',
      id: derived(doc.id, `condition-${i}`),
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: oid(ICD10SE_OID), code: d.code, display: d.text }], text: d.text },
      subject: { reference: urn(ids.patient) },
      encounter: { reference: urn(ids.encounter) },
      recordedDate: doc.date,
    },
  }));
  const narrative = (paragraphs: string[]) => ({
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.map((x) => `<p>${html(x)}</p>`).join('')}</div>`,
  });
  interface FhirSection {
    title: string;
    text: ReturnType<typeof narrative>;
    entry?: Array<{ reference: string }>;
    extension?: Array<{ url: string; valueString: string }>;
  }
  const sections: FhirSection[] = doc.sections.map((s) => ({ title: s.title, text: narrative(s.paragraphs) }));
  sections.push({ title: 'Diagnoser', text: narrative(doc.diagnoses.map((d) => `${d.code} ${d.text}`)), entry: conditions.map((c) => ({ reference: c.fullUrl })) });
  if (attachmentPath) {
    sections.push({ title: 'Bilaga', text: narrative([`Bilaga: ${attachmentPath}`]), extension: [{ url: ATTACHMENT_EXTENSION, valueString: attachmentPath }] });
  }
  const signerId = doc.signer === doc.author ? ids.author : ids.signer;
  const bundle = {
    resourceType: 'Bundle',
    id: derived(doc.id, 'bundle'),
    identifier: { system: 'urn:ietf:rfc:3986', value: urn(doc.id) },
    type: 'document',
    timestamp: doc.signedAt,
    entry: [
      {
        fullUrl: urn(ids.composition),
        resource: {
          resourceType: 'Composition',
          id: ids.composition,
          status: 'final',
          type: { coding: [{ system: LOINC, code: doc.type.loinc, display: doc.type.en }], text: doc.type.sv },
          subject: { reference: urn(ids.patient) },
          encounter: { reference: urn(ids.encounter) },
          date: doc.date,
          author: [{ reference: urn(ids.author) }],
          title: doc.title,
          attester: [{ mode: 'legal', time: doc.signedAt, party: { reference: urn(signerId) } }],
          custodian: { display: doc.careProvider.name, identifier: { system: oid(HSA_ID_OID), value: doc.careProvider.hsaId } },
          section: sections,
        },
      },
      {
        fullUrl: urn(ids.patient),
        resource: {
          resourceType: 'Patient',
          id: ids.patient,
          identifier: [{ system: oid(p.identity.oid), value: p.identity.id }],
          name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
          gender: p.identity.sex,
          birthDate: p.identity.birthDate,
          address: [{ use: 'home', line: [p.address.street], postalCode: p.address.postalCode, city: p.address.city, country: 'SE' }],
        },
      },
      practitioner(ids.author, doc.author),
      ...(doc.signer === doc.author ? [] : [practitioner(ids.signer, doc.signer)]),
      {
        fullUrl: urn(ids.unit),
        resource: { resourceType: 'Organization', id: ids.unit, identifier: [{ system: oid(HSA_ID_OID), value: doc.careUnit.hsaId }], name: doc.careUnit.name },
      },
      {
        fullUrl: urn(ids.encounter),
        resource: {
          resourceType: 'Encounter',
          id: ids.encounter,
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
          subject: { reference: urn(ids.patient) },
          period: { start: doc.encounter.start, end: doc.encounter.end },
          serviceProvider: { reference: urn(ids.unit) },
        },
      },
      ...conditions,
    ],
  };
  return JSON.stringify(bundle, null, 1);
}

function practitioner(id: string, c: Clinician) {
  return {
    fullUrl: urn(id),
    resource: {
      resourceType: 'Practitioner',
      id,
      identifier: [{ system: oid(HSA_ID_OID), value: c.hsaId }],
      name: [{ family: c.familyName, given: [c.givenName], suffix: [c.profession] }],
    },
  };
}

/** A stable id for a resource of a document (hex from the document's UUID and a role). */
function derived(docId: string, role: string): string {
  let h = 0x811c9dc5;
  for (const ch of role) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${docId.slice(0, 24)}${h.toString(16).padStart(8, '0')}${docId.slice(32)}`;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
