import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { CanonicalRecord, FindingSink, RecordFindingCode, RecordTypeShape, SourceFile } from '../canonical-record';
import { buildRecord } from '../field-values';

export interface CsvOptions {
  /** Field name → column header in the export. */
  columns: Record<string, string>;
  /** The column that identifies a row; the row number when absent. */
  recordIdColumn?: string;
  delimiter?: string;
  encoding?: 'utf-8' | 'latin1';
  decimalComma?: boolean;
  /** Separator inside one cell for multi-valued fields. */
  multipleSeparator?: string;
  /** Issuer of personal-identity-number columns when the export does not carry one. */
  patientIssuer?: string;
  /** Column holding attachment file names (relative to the representation's data folder). */
  attachmentColumn?: string;
}

/** Delimited text with a header row, mapped column by column to the type's fields; streamed. */
export async function* readCsv(file: SourceFile, type: RecordTypeShape, options: CsvOptions, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  const parser = createReadStream(file.path, { encoding: options.encoding === 'latin1' ? 'latin1' : 'utf8' }).pipe(
    parse({ delimiter: options.delimiter ?? ';', bom: true, columns: false, relax_column_count: false, skip_empty_lines: true, trim: true }),
  );
  const multiple = new Set(type.fields.filter((f) => f.multiple).map((f) => f.name));
  const pinFields = type.fields.filter((f) => f.kind === 'personal-identity-number').map((f) => f.name);
  let index: Map<string, number> | null = null;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (!index) {
        index = new Map(cells.map((c, i) => [c, i]));
        const wanted = [...Object.values(options.columns), ...(options.recordIdColumn ? [options.recordIdColumn] : [])];
        const missing = wanted.filter((c) => !index!.has(c));
        if (missing.length) {
          findings.error(RecordFindingCode.InvalidCsv, `the header lacks the mapped column(s) ${missing.map((c) => `"${c}"`).join(', ')}`);
          return;
        }
        continue;
      }
      const values = new Map<string, string[]>();
      for (const [field, column] of Object.entries(options.columns)) {
        const cell = cells[index.get(column)!] ?? '';
        values.set(field, multiple.has(field) && options.multipleSeparator ? cell.split(options.multipleSeparator) : [cell]);
      }
      const id = options.recordIdColumn ? cells[index.get(options.recordIdColumn)!]?.trim() : String(row - 1);
      if (!id) {
        findings.error(RecordFindingCode.MissingField, `row ${row}: the record id column is empty`);
        continue;
      }
      const attachments = options.attachmentColumn && index.has(options.attachmentColumn) ? (cells[index.get(options.attachmentColumn)!] || '').split('|').filter(Boolean) : [];
      const issuers = new Map(pinFields.map((f) => [f, options.patientIssuer ?? null]));
      yield buildRecord(type, { recordId: id, sourceFile: file.logicalPath, values, issuers, attachments, where: `row ${row}` }, findings, { decimalComma: options.decimalComma });
    }
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      // csv-parse messages name the line and the rule, not the content.
      findings.error(RecordFindingCode.InvalidCsv, `row ${row + 1}: ${e.code}`);
      return;
    }
    throw err;
  }
  if (!index) findings.error(RecordFindingCode.InvalidCsv, 'the file is empty (no header row)');
}
