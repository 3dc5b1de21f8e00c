/** One searchable record in the shape its information type declares, whatever the source format. */
export interface CanonicalRecord {
  /** Stable id within the delivery (source id or derived), unique per (AIP, recordId). */
  recordId: string;
  informationTypeId: string;
  /** Names from the information type definition. */
  fields: Record<string, FieldValue>;
  /** Full text for the index. */
  text?: string;
  /** Normalised: personnummer and samordningsnummer as 12 digits, other ids as given with their issuer. */
  patient?: { id: string; issuer: string | null };
  /** Logical paths inside the AIP's representation. */
  attachments?: string[];
  /** Logical path of the file the record came from. */
  sourceFile: string;
}

export type FieldValue = string | number | string[] | null;

export interface RecordFinding {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  message: string;
}

export type FieldKind = 'identifier' | 'personal-identity-number' | 'text' | 'keyword' | 'code' | 'date' | 'datetime' | 'number' | 'amount';

/** What a reader needs to know about an information type (its definition satisfies this). */
export interface RecordTypeShape {
  id: string;
  fields: ReadonlyArray<{ name: string; kind: FieldKind; multiple: boolean }>;
  /** Fields that identify the patient or party; a personal-identity-number among them becomes `patient`. */
  partyFields: readonly string[];
}

/** Codes of the findings readers report (stable; shown to producers in receipts). */
export enum RecordFindingCode {
  NotWellFormed = 'RECORD_XML_NOT_WELL_FORMED',
  UnexpectedRoot = 'RECORD_UNEXPECTED_ROOT',
  InvalidPersonalId = 'RECORD_INVALID_PERSONAL_ID',
  MissingPatient = 'RECORD_MISSING_PATIENT',
  MissingField = 'RECORD_MISSING_FIELD',
  InvalidValue = 'RECORD_INVALID_VALUE',
  UnknownField = 'RECORD_UNKNOWN_FIELD',
  WrongInformationType = 'RECORD_WRONG_INFORMATION_TYPE',
  DuplicateRecordId = 'RECORD_DUPLICATE_ID',
  InvalidJson = 'RECORD_INVALID_JSON',
  InvalidCsv = 'RECORD_INVALID_CSV',
  NoMapping = 'RECORD_NO_MAPPING',
  NoRecords = 'RECORD_NONE_FOUND',
  MissingAttachment = 'RECORD_MISSING_ATTACHMENT',
}

/** Collects findings for one read; readers never put record content (patient data) in messages. */
export class FindingSink {
  readonly findings: RecordFinding[] = [];

  constructor(private readonly file: string) {}

  error(code: RecordFindingCode, message: string): void {
    this.findings.push({ severity: 'error', code, file: this.file, message });
  }

  warning(code: RecordFindingCode, message: string): void {
    this.findings.push({ severity: 'warning', code, file: this.file, message });
  }

  get hasErrors(): boolean {
    return this.findings.some((f) => f.severity === 'error');
  }
}

/** A file handed to a reader: where it is on disk and what it is called inside the package. */
export interface SourceFile {
  path: string;
  logicalPath: string;
}

/** Every reader: yields records one at a time, reporting problems to the sink. */
export type RecordReader<O = unknown> = (file: SourceFile, type: RecordTypeShape, options: O, findings: FindingSink) => AsyncIterable<CanonicalRecord>;
