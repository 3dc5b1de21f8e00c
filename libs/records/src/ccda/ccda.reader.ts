import { CanonicalRecord, FindingSink, RecordFindingCode, RecordTypeShape, SourceFile } from '../canonical-record';
import { hl7TimeToIso } from '../hl7-time';
import { normalisePatientIdentifier } from '../personal-identity';
import { streamXmlEvents, XmlNotWellFormed, XmlTag } from '../xml/xml-events';
import { CcdaDocumentState } from './ccda-document.state';

export const HL7_V3_NS = 'urn:hl7-org:v3';

export interface CcdaOptions {
  /** LOINC document code → canonical document type (e.g. "18842-5": epikris); unmapped codes keep their display name. */
  documentTypes?: Record<string, string>;
  /** Where the care unit is taken from, first one present wins. */
  careUnitFrom?: CareUnitSource[];
  /** Preferred patient id issuers (OIDs), in order; the first id otherwise. */
  patientIdIssuers?: string[];
}

export type CareUnitSource = 'encounter-facility' | 'author-organization' | 'custodian';

const DEFAULT_CARE_UNIT_FROM: CareUnitSource[] = ['encounter-facility', 'author-organization', 'custodian'];

/**
 * HL7 C-CDA R2.1 (CDA R2 ClinicalDocument): one record per document, streamed. Header fields map to
 * the patient-record type; every section's title and narrative text go to the full text; ICD-10
 * codes anywhere in the body become diagnosis codes; relative `linkHtml` links in the narrative
 * name the document's attachments.
 */
export async function* readCcda(file: SourceFile, type: RecordTypeShape, options: CcdaOptions, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  const doc = new CcdaDocumentState();
  let rootChecked = false;
  try {
    for await (const _ of streamXmlEvents(file.path, {
      open: (tag: XmlTag, path) => {
        if (!rootChecked) {
          rootChecked = true;
          if (tag.name !== 'ClinicalDocument' || tag.ns !== HL7_V3_NS) throw new UnexpectedRoot();
        }
        doc.open(tag, path);
      },
      close: (tag, path) => doc.close(tag, path),
      text: (text) => doc.text(text),
    }));
  } catch (err) {
    if (err instanceof UnexpectedRoot) {
      findings.error(RecordFindingCode.UnexpectedRoot, 'not an HL7 CDA document (root element must be ClinicalDocument in urn:hl7-org:v3)');
      return;
    }
    if (err instanceof XmlNotWellFormed) {
      findings.error(RecordFindingCode.NotWellFormed, `the C-CDA document is not well-formed XML: ${err.message}`);
      return;
    }
    throw err;
  }
  doc.finish();
  const record = toRecord(doc, file, type, options, findings);
  if (record) yield record;
}

class UnexpectedRoot extends Error {}

function toRecord(doc: CcdaDocumentState, file: SourceFile, type: RecordTypeShape, options: CcdaOptions, findings: FindingSink): CanonicalRecord | null {
  const id = pickPatientId(doc.patientIds, options.patientIdIssuers ?? []);
  if (!id) {
    findings.error(RecordFindingCode.MissingPatient, 'the document has no patient identifier (recordTarget/patientRole/id)');
    return null;
  }
  const patient = normalisePatientIdentifier(id.extension, id.root);
  if (patient.invalid) findings.error(RecordFindingCode.InvalidPersonalId, 'a patient identifier with a Swedish personal-identity-number OID fails the date or checksum test');
  const date = hl7TimeToIso(doc.effectiveTime);
  if (!date) findings.warning(RecordFindingCode.MissingField, 'the document has no valid effectiveTime');
  const units: Record<CareUnitSource, string | null> = {
    'encounter-facility': doc.encounterFacility,
    'author-organization': doc.authorOrganization,
    custodian: doc.custodian,
  };
  const careUnit = (options.careUnitFrom ?? DEFAULT_CARE_UNIT_FROM).map((s) => units[s]).find((v) => v) ?? null;
  const documentType = (doc.code && options.documentTypes?.[doc.code]) || doc.codeDisplayName || doc.code;
  const values: CanonicalRecord['fields'] = {
    patientId: patient.patient.id,
    patientName: doc.patientName,
    date,
    careProvider: doc.custodian ?? doc.authorOrganization,
    careUnit,
    documentType: documentType ?? null,
    title: doc.title ?? doc.codeDisplayName,
    author: doc.authorName,
    signedBy: doc.signerName,
    signedAt: hl7TimeToIso(doc.signedTime),
    diagnosisCodes: [...doc.diagnosisCodes],
  };
  const declared = new Set(type.fields.map((f) => f.name));
  const fields: CanonicalRecord['fields'] = {};
  for (const [name, value] of Object.entries(values)) if (declared.has(name)) fields[name] = value;
  const text = doc.sectionTexts.join('\n\n');
  return {
    recordId: doc.documentId ?? `file:${file.logicalPath}`,
    informationTypeId: type.id,
    fields,
    text,
    patient: patient.patient,
    sourceFile: file.logicalPath,
    // Relative to the document; the extraction resolves them against the delivery's files.
    ...(doc.attachments.length ? { attachments: [...doc.attachments] } : {}),
  };
}

function pickPatientId(ids: Array<{ root: string | null; extension: string }>, preferred: string[]) {
  for (const issuer of preferred) {
    const hit = ids.find((i) => i.root === issuer);
    if (hit) return hit;
  }
  return ids[0];
}
