import { Injectable } from '@nestjs/common';
import { posix } from 'node:path';
import { CanonicalRecord, FindingSink, readCanonicalXml, readCcda, readCsv, readFhirJson, readFhirXml, RecordFinding, RecordFindingCode, RecordTypeShape } from '@samarkiv/records';
import type { CcdaOptions, CsvOptions, FhirOptions } from '@samarkiv/records';
import { RequestContext } from '../../platform/context';
import { MappingDefinition, ReaderKind } from '../domain/mapping';
import { readFileAsRecord } from './file-record.reader';
import { SearchTypes } from './information-types';
import { CandidateFile, MappingRegistry } from './mapping.registry';

export interface RecordSourceFile {
  /** Absolute, in staging. */
  path: string;
  logicalPath: string;
  puid: string | null;
  mime: string | null;
}

export interface RecordSource {
  informationTypeId: string;
  sourceSystem: string;
  files: RecordSourceFile[];
}

export interface ExtractionResult {
  records: number;
  findings: RecordFinding[];
}

type Reader = (file: CandidateFile, type: RecordTypeShape, options: Record<string, unknown>, findings: FindingSink) => AsyncIterable<CanonicalRecord>;

const READERS: Record<ReaderKind, Reader> = {
  ccda: (f, t, o, s) => readCcda(f, t, o as CcdaOptions, s),
  'canonical-xml': (f, t, o, s) => readCanonicalXml(f, t, o, s),
  csv: (f, t, o, s) => readCsv(f, t, o as unknown as CsvOptions, s),
  'fhir-json': (f, t, o, s) => readFhirJson(f, t, o as FhirOptions, s),
  'fhir-xml': (f, t, o, s) => readFhirXml(f, t, o as FhirOptions, s),
  file: readFileAsRecord,
};

export const EXTRACT_BATCH = 1000;

/** Turns a delivery's files into canonical records, streamed to the caller in batches. */
@Injectable()
export class RecordExtractionService {
  constructor(
    private readonly types: SearchTypes,
    private readonly mappings: MappingRegistry,
  ) {}

  async extract(ctx: RequestContext, source: RecordSource, sink: (batch: CanonicalRecord[]) => Promise<void>): Promise<ExtractionResult> {
    ctx.requireTenant();
    const type = this.types.get(source.informationTypeId);
    const findings: RecordFinding[] = [];
    const seen = new Set<string>();
    let batch: CanonicalRecord[] = [];
    let records = 0;
    const byPath = new Set(source.files.map((f) => f.logicalPath));
    const referenced = new Set<string>();
    const planned: Array<{ file: RecordSourceFile; mapping: MappingDefinition }> = [];
    for (const file of [...source.files].sort((a, b) => a.logicalPath.localeCompare(b.logicalPath))) {
      const { mapping, notWellFormed } = await this.mappings.select(type.id, source.sourceSystem, file);
      if (mapping) planned.push({ file, mapping });
      else if (notWellFormed) findings.push({ severity: 'error', code: RecordFindingCode.NotWellFormed, file: file.logicalPath, message: `the file is not well-formed XML: ${notWellFormed}` });
    }
    // Structured sources first: files they name as attachments are not records of their own.
    planned.sort((a, b) => Number(a.mapping.reader === 'file') - Number(b.mapping.reader === 'file'));
    for (const { file, mapping } of planned) {
      if (mapping.reader === 'file' && referenced.has(file.logicalPath)) continue;
      const fileFindings = new FindingSink(file.logicalPath);
      for await (const rec of this.read(mapping, file, type, fileFindings)) {
        if (seen.has(rec.recordId)) {
          // Ids repeat across files in real exports (e.g. one document id per template); keep both records.
          fileFindings.warning(RecordFindingCode.DuplicateRecordId, 'a record id repeats within the delivery; the file path was added to keep it unique');
          rec.recordId = `${rec.recordId}@${file.logicalPath}`;
        }
        seen.add(rec.recordId);
        if (type.fields.some((f) => f.name === 'sourceSystem') && (rec.fields.sourceSystem === undefined || rec.fields.sourceSystem === null)) rec.fields.sourceSystem = source.sourceSystem;
        if (rec.attachments?.length && mapping.reader !== 'file') rec.attachments = resolveAttachments(rec, file.logicalPath, byPath, referenced, fileFindings);
        batch.push(rec);
        records++;
        if (batch.length >= EXTRACT_BATCH) {
          await sink(batch);
          batch = [];
        }
      }
      findings.push(...fileFindings.findings);
    }
    if (batch.length) await sink(batch);
    if (records === 0 && !findings.some((f) => f.severity === 'error')) {
      findings.push({ severity: 'error', code: RecordFindingCode.NoRecords, file: '', message: `no file of the delivery maps to ${type.id} records for source system "${source.sourceSystem}"` });
    }
    return { records, findings };
  }

  private read(mapping: MappingDefinition, file: CandidateFile, type: RecordTypeShape, findings: FindingSink): AsyncIterable<CanonicalRecord> {
    return READERS[mapping.reader](file, type, mapping.options, findings);
  }
}

/**
 * Attachment paths in a source are relative to the source file's folder; records carry them as
 * logical paths of the package. One that the delivery does not contain is a finding.
 */
function resolveAttachments(rec: CanonicalRecord, sourcePath: string, present: Set<string>, referenced: Set<string>, findings: FindingSink): string[] {
  const base = posix.dirname(sourcePath);
  return rec.attachments!.map((a) => {
    const resolved = posix.normalize(posix.join(base, a));
    if (resolved.startsWith('..') || !present.has(resolved)) {
      findings.error(RecordFindingCode.MissingAttachment, `record ${rec.recordId}: attachment ${a} is not in the delivery`);
    }
    referenced.add(resolved);
    return resolved;
  });
}
