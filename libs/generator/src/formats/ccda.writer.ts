import { escapeXmlAttribute as a, escapeXmlText as t } from '@samarkiv/information-package';
import { HSA_ID_OID } from '../swedish-ids';
import { ICD10SE_OID, LOINC_OID } from '../vocabulary/care';
import { Clinician, PatientDocument } from '../model';

/** C-CDA R2.1 document-level templates per LOINC document type (US Realm Header 2015-08-01). */
const DOCUMENT_TEMPLATES: Record<string, string> = {
  '11506-3': '2.16.840.1.113883.10.20.22.1.9',
  '34117-2': '2.16.840.1.113883.10.20.22.1.3',
  '18842-5': '2.16.840.1.113883.10.20.22.1.8',
  '11488-4': '2.16.840.1.113883.10.20.22.1.4',
  '57133-1': '2.16.840.1.113883.10.20.22.1.14',
  '18748-4': '2.16.840.1.113883.10.20.22.1.5',
  '28570-0': '2.16.840.1.113883.10.20.22.1.6',
};
const US_REALM_HEADER = '2.16.840.1.113883.10.20.22.1.1';
const R21 = '2015-08-01';

/** HL7 timestamps: YYYYMMDDHHMMSS+ZZZZ (our times are always UTC, +00:00). */
const ts = (iso: string) => iso.replace(/[-:T]/g, '');

/**
 * One patient-record document as an HL7 C-CDA R2.1 ClinicalDocument: the Swedish patient id under
 * its OID, author and signer with HSA-ids, the care unit as the encounter's location, narrative
 * sections and the diagnoses as ICD-10-SE coded problem observations.
 */
export function writeCcda(doc: PatientDocument, attachmentPath?: string): string {
  const p = doc.patient;
  const template = DOCUMENT_TEMPLATES[doc.type.loinc];
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sdtc="urn:hl7-org:sdtc">`,
    `<realmCode code="SE"/>`,
    `<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>`,
    `<templateId root="${US_REALM_HEADER}" extension="${R21}"/>`,
    template ? `<templateId root="${template}" extension="${R21}"/>` : '',
    `<id root="${doc.id}"/>`,
    `<code code="${doc.type.loinc}" codeSystem="${LOINC_OID}" codeSystemName="LOINC" displayName="${a(doc.type.en)}"><translation code="${doc.type.loinc}" codeSystem="${LOINC_OID}" displayName="${a(doc.type.sv)}"/></code>`,
    `<title>${t(doc.title)}</title>`,
    `<effectiveTime value="${ts(doc.date)}"/>`,
    `<confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>`,
    `<languageCode code="sv-SE"/>`,
    `<recordTarget><patientRole>`,
    `<id root="${p.identity.oid}" extension="${p.identity.id}"/>`,
    `<addr use="HP"><streetAddressLine>${t(p.address.street)}</streetAddressLine><city>${t(p.address.city)}</city><postalCode>${t(p.address.postalCode)}</postalCode><country>SE</country></addr>`,
    `<patient><name use="L"><given>${t(p.givenName)}</given><family>${t(p.familyName)}</family></name>`,
    `<administrativeGenderCode code="${p.identity.sex === 'female' ? 'F' : 'M'}" codeSystem="2.16.840.1.113883.5.1"/>`,
    `<birthTime value="${p.identity.birthDate.replace(/-/g, '')}"/></patient>`,
    `</patientRole></recordTarget>`,
    `<author><time value="${ts(doc.date)}"/>${assigned('assignedAuthor', doc.author, doc)}</author>`,
    `<custodian><assignedCustodian><representedCustodianOrganization><id root="${HSA_ID_OID}" extension="${doc.careProvider.hsaId}"/><name>${t(doc.careProvider.name)}</name></representedCustodianOrganization></assignedCustodian></custodian>`,
    `<legalAuthenticator><time value="${ts(doc.signedAt)}"/><signatureCode code="S"/>${assigned('assignedEntity', doc.signer, doc)}</legalAuthenticator>`,
    `<componentOf><encompassingEncounter><id root="${doc.encounter.id}"/>`,
    `<effectiveTime><low value="${ts(doc.encounter.start)}"/><high value="${ts(doc.encounter.end)}"/></effectiveTime>`,
    `<location><healthCareFacility><id root="${HSA_ID_OID}" extension="${doc.careUnit.hsaId}"/><serviceProviderOrganization><id root="${HSA_ID_OID}" extension="${doc.careUnit.hsaId}"/><name>${t(doc.careUnit.name)}</name></serviceProviderOrganization></healthCareFacility></location>`,
    `</encompassingEncounter></componentOf>`,
    `<component><structuredBody>`,
  );
  for (const s of doc.sections) {
    out.push(`<component><section><title>${t(s.title)}</title><text>${s.paragraphs.map((x) => `<paragraph>${t(x)}</paragraph>`).join('')}</text></section></component>`);
  }
  if (attachmentPath) {
    out.push(`<component><section><title>Bilaga</title><text><paragraph><linkHtml href="${a(attachmentPath)}">${t(attachmentPath.split('/').pop()!)}</linkHtml></paragraph></text></section></component>`);
  }
  out.push(problemSection(doc), `</structuredBody></component>`, `</ClinicalDocument>`, '');
  return out.filter((l) => l !== '').join('\n');
}

function assigned(element: 'assignedAuthor' | 'assignedEntity', c: Clinician, doc: PatientDocument): string {
  return (
    `<${element}><id root="${HSA_ID_OID}" extension="${c.hsaId}"/>` +
    `<assignedPerson><name><given>${t(c.givenName)}</given><family>${t(c.familyName)}</family><suffix>${t(c.profession)}</suffix></name></assignedPerson>` +
    `<representedOrganization><id root="${HSA_ID_OID}" extension="${doc.careUnit.hsaId}"/><name>${t(doc.careUnit.name)}</name></representedOrganization></${element}>`
  );
}

/** Problem section (entries required, 2.16.840.1.113883.10.20.22.2.5.1) with ICD-10-SE values. */
function problemSection(doc: PatientDocument): string {
  const rows = doc.diagnoses.map((d) => `<item>${t(d.code)} ${t(d.text)}</item>`).join('');
  const entries = doc.diagnoses
    .map(
      (d, i) =>
        `<entry typeCode="DRIV"><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>` +
        `<id root="${doc.id}" extension="problem-${i + 1}"/><code code="CONC" codeSystem="2.16.840.1.113883.5.6"/><statusCode code="active"/>` +
        `<entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>` +
        `<id root="${doc.id}" extension="diagnosis-${i + 1}"/><code code="282291009" codeSystem="2.16.840.1.113883.6.96" displayName="Diagnosis"/><statusCode code="completed"/>` +
        `<effectiveTime><low value="${ts(doc.date)}"/></effectiveTime>` +
        `<value xsi:type="CD" code="${a(d.code)}" codeSystem="${ICD10SE_OID}" codeSystemName="ICD-10-SE" displayName="${a(d.text)}"/></observation></entryRelationship></act></entry>`,
    )
    .join('');
  return (
    `<component><section><templateId root="2.16.840.1.113883.10.20.22.2.5.1" extension="2015-08-01"/>` +
    `<code code="11450-4" codeSystem="${LOINC_OID}" displayName="Problem list"/><title>Diagnoser</title><text><list>${rows}</list></text>${entries}</section></component>`
  );
}
