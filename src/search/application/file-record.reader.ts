import { basename, extname } from 'node:path';
import { statSync } from 'node:fs';
import { CanonicalRecord, FindingSink, RecordTypeShape } from '@samarkiv/records';
import { CandidateFile } from './mapping.registry';

/**
 * The generic "documents" mapping: every file is one record, described by what the file itself
 * says (name, format) and the file's modification date as a last resort for the date.
 */
export async function* readFileAsRecord(file: CandidateFile, type: RecordTypeShape, _options: unknown, _findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  const declared = new Set(type.fields.map((f) => f.name));
  const name = basename(file.logicalPath);
  const values: CanonicalRecord['fields'] = {
    title: basename(name, extname(name)).replace(/[_-]+/g, ' ').trim() || name,
    fileName: name,
    format: file.puid ?? file.mime ?? (extname(name).slice(1).toLowerCase() || null),
    // Sync: one stat per file of a delivery of thousands costs far less than a promise round trip.
    date: statSync(file.path).mtime.toISOString().slice(0, 10),
  };
  const fields: CanonicalRecord['fields'] = {};
  for (const [k, v] of Object.entries(values)) if (declared.has(k)) fields[k] = v;
  yield { recordId: `file:${file.logicalPath}`, informationTypeId: type.id, fields, attachments: [file.logicalPath], sourceFile: file.logicalPath };
}
