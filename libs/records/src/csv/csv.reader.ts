import { createReadStream } from 'node:fs';
import { pipeline, Transform, TransformCallback } from 'node:stream';
import { CsvError, Options, parse } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
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

/** Rows with the wrong number of cells are reported one by one up to this many per file, then counted. */
const MAX_ROW_FINDINGS = 20;

interface ParsedRow {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Delimited text with a header row, mapped column by column to the type's fields; streamed.
 * Every problem in the file (bad encoding, broken quoting, a row with the wrong number of cells, a
 * value that is not its field's kind) becomes a finding with the line number and what to fix,
 * never an exception and never the cell's content (it may be patient data).
 */
export async function* readCsv(file: SourceFile, type: RecordTypeShape, options: CsvOptions, findings: FindingSink): AsyncGenerator<CanonicalRecord> {
  const latin1 = options.encoding === 'latin1';
  const source = createReadStream(file.path, latin1 ? { encoding: 'latin1' } : {});
  // Seen by the parser as it goes (the iteration below may lose buffered rows when the parser fails).
  let parsedHeader: string[] | null = null;
  let lastLine = 0;
  const parser = parse({
    delimiter: options.delimiter ?? ';',
    bom: true,
    columns: false,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    raw: true,
    // With info and raw on, each "record" the parser hands on is a ParsedRow.
    on_record: ((row: ParsedRow) => {
      parsedHeader ??= row.record;
      lastLine = row.info.lines;
      return row;
    }) as unknown as Options['on_record'],
  });
  // pipeline() carries an error of any step to the parser, whose iteration below then throws it.
  const ignore = () => undefined;
  if (latin1) pipeline(source, parser, ignore);
  else pipeline(source, new StrictUtf8Lines(), parser, ignore);
  const multiple = new Set(type.fields.filter((f) => f.multiple).map((f) => f.name));
  const pinFields = type.fields.filter((f) => f.kind === 'personal-identity-number').map((f) => f.name);
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let badRows = 0;
  let rows = 0;
  try {
    for await (const { record: cells, raw, info } of parser as AsyncIterable<ParsedRow>) {
      const line = info.lines - newlines(raw.replace(/^(\r?\n)+/, '')) + 1;
      if (!header) {
        header = cells;
        index = new Map(cells.map((c, i) => [c, i]));
        const wanted = [...Object.values(options.columns), ...(options.recordIdColumn ? [options.recordIdColumn] : [])];
        const missing = wanted.filter((c) => !index.has(c));
        if (missing.length) {
          findings.error(RecordFindingCode.InvalidCsv, `line ${line}: the header lacks the mapped column(s) ${missing.map((c) => `"${c}"`).join(', ')}`);
          return;
        }
        continue;
      }
      if (cells.length !== header.length) {
        if (++badRows <= MAX_ROW_FINDINGS) {
          findings.error(RecordFindingCode.InvalidCsv, `line ${line}: the row has ${cells.length} cells but the header has ${header.length}; every row needs one cell per column (check for a missing or extra "${options.delimiter ?? ';'}")`);
        }
        continue;
      }
      rows++;
      const values = new Map<string, string[]>();
      for (const [field, column] of Object.entries(options.columns)) {
        const cell = cells[index.get(column)!] ?? '';
        values.set(field, multiple.has(field) && options.multipleSeparator ? cell.split(options.multipleSeparator) : [cell]);
      }
      const id = options.recordIdColumn ? cells[index.get(options.recordIdColumn)!]?.trim() : String(rows);
      if (!id) {
        findings.error(RecordFindingCode.MissingField, `line ${line}: the record id column "${options.recordIdColumn}" is empty`);
        continue;
      }
      const attachments = options.attachmentColumn && index.has(options.attachmentColumn) ? (cells[index.get(options.attachmentColumn)!] || '').split('|').filter(Boolean) : [];
      const issuers = new Map(pinFields.map((f) => [f, options.patientIssuer ?? null]));
      yield buildRecord(type, { recordId: id, sourceFile: file.logicalPath, values, issuers, attachments, where: `line ${line}` }, findings, { decimalComma: options.decimalComma });
    }
  } catch (err) {
    if (err instanceof InvalidUtf8) {
      findings.error(RecordFindingCode.InvalidCsv, `line ${err.line}: the text is not valid UTF-8; export the file as UTF-8`);
      return;
    }
    if (err instanceof CsvError) {
      findings.error(RecordFindingCode.InvalidCsv, describeCsvError(err, lastLine, parsedHeader));
      return;
    }
    throw err;
  } finally {
    source.destroy();
  }
  if (badRows > MAX_ROW_FINDINGS) findings.error(RecordFindingCode.InvalidCsv, `${badRows - MAX_ROW_FINDINGS} more rows have the wrong number of cells`);
  if (!header) findings.error(RecordFindingCode.InvalidCsv, 'the file is empty (no header row)');
}

/** What went wrong, where, in words a producer can act on; csv-parse's own message quotes the cell, so it is not used. */
function describeCsvError(err: CsvError, lastLine: number, header: string[] | null): string {
  const e = err as CsvError & { lines?: number; column?: number | string };
  const line = e.lines ?? lastLine + 1;
  const column = typeof e.column === 'number' ? `column ${e.column + 1}${header?.[e.column] ? ` ("${header[e.column]}")` : ''}` : 'a cell';
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `line ${lastLine + 1}: a quoted cell starting on this row is never closed; end it with " (write "" for a quote inside a cell)`;
    case 'INVALID_OPENING_QUOTE':
      return `line ${line}: ${column} has a quote inside an unquoted value; put the whole cell in quotes and write "" for a quote inside it`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `line ${line}: ${column} has text after its closing quote; write "" for a quote inside a quoted cell`;
    case 'CSV_MAX_RECORD_SIZE':
      return `line ${line}: the row is too long to read`;
    default:
      return `line ${line}: the file is not valid delimited text (${err.code})`;
  }
}

const newlines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

class InvalidUtf8 extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 on line ${line}`);
  }
}

/**
 * Decodes UTF-8 and fails on the first invalid byte with its line number (Node's own decoding
 * would silently replace it). Whole lines are decoded at once (a newline byte is never inside a
 * multi-byte sequence); the unfinished last line waits for the next chunk.
 */
class StrictUtf8Lines extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private carry: Buffer = Buffer.alloc(0);
  private line = 1;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a) + 1;
    this.carry = Buffer.from(data.subarray(end));
    this.decodeLines(data.subarray(0, end), done);
  }

  override _flush(done: TransformCallback): void {
    this.decodeLines(this.carry, done);
  }

  private decodeLines(bytes: Buffer, done: TransformCallback): void {
    try {
      const text = this.decoder.decode(bytes);
      this.line += newlines(text);
      done(null, text);
    } catch {
      done(new InvalidUtf8(this.line + firstInvalidLine(bytes)));
    }
  }
}

/** Lines before the first line that is not valid UTF-8. */
function firstInvalidLine(bytes: Buffer): number {
  let n = 0;
  for (let start = 0; start < bytes.length; n++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl + 1;
    if (!isUtf8(bytes.subarray(start, end))) return n;
    start = end;
  }
  return n;
}
