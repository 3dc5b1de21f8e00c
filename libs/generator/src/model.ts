import type { SwedishIdentity } from './swedish-ids';
import type { Diagnosis, DocumentType } from './vocabulary/care';

export interface Person {
  givenName: string;
  familyName: string;
}

export interface GeneratedPatient extends Person {
  identity: SwedishIdentity;
  address: { street: string; postalCode: string; city: string };
}

export interface CareUnit {
  hsaId: string;
  name: string;
}

export interface Clinician extends Person {
  hsaId: string;
  profession: string;
}

export interface Section {
  title: string;
  /** Paragraphs of Swedish clinical text. */
  paragraphs: string[];
}

export type AttachmentKind = 'pdf' | 'tiff' | 'jpeg';

export interface PatientDocument {
  index: number;
  /** Stable document id (a UUID derived from the seed and index). */
  id: string;
  sourceSystem: string;
  careProvider: { name: string; orgNumber: string; hsaId: string };
  patient: GeneratedPatient;
  careUnit: CareUnit;
  author: Clinician;
  signer: Clinician;
  type: DocumentType;
  title: string;
  /** ISO 8601 with offset. */
  date: string;
  signedAt: string;
  encounter: { id: string; start: string; end: string };
  diagnoses: Diagnosis[];
  sections: Section[];
  attachment: AttachmentKind | null;
}

export interface Voucher {
  index: number;
  voucherNumber: string;
  date: string;
  account: string;
  amount: string;
  counterparty: string;
  counterpartyOrganisationNumber: string;
  invoiceNumber: string;
  text: string;
}

export interface RegistryCase {
  index: number;
  caseNumber: string;
  registrationDate: string;
  title: string;
  parties: string[];
  unit: string;
  officer: string;
  documents: string[];
  secrecy: string;
}
