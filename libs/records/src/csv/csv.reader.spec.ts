import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FindingSink, RecordTypeShape } from '../canonical-record';
import { CsvOptions, readCsv } from './csv.reader';

const type: RecordTypeShape = {
  id: 'finance',
  partyFields: [],
  fields: [
    { name: 'voucherNumber', kind: 'identifier', multiple: false },
    { name: 'amount', kind: 'amount', multiple: false },
    { name: 'text', kind: 'text', multiple: false },
  ],
};
const options: CsvOptions = { delimiter: ';', decimalComma: true, recordIdColumn: 'Nr', columns: { voucherNumber: 'Nr', amount: 'Belopp', text: 'Text' } };

describe('readCsv on malformed files', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'csv-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function read(content: Buffer | string, opts: CsvOptions = options) {
    const path = join(dir, 'export.csv');
    writeFileSync(path, content);
    const sink = new FindingSink('content/export.csv');
    const records = [];
    for await (const r of readCsv({ path, logicalPath: 'content/export.csv' }, type, opts, sink)) records.push(r);
    return { records, findings: sink.findings };
  }

  it('names the line where an unclosed quote starts, without the cell content', async () => {
    const { findings } = await read('Nr;Belopp;Text\n1;2,50;ok\n2;3,00;"Secret Patient\n3;4,00;x\n');
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'RECORD_INVALID_CSV', file: 'content/export.csv', message: expect.stringMatching(/^line 3: a quoted cell .* never closed/) })]);
    expect(JSON.stringify(findings)).not.toContain('Secret');
  });

  it('reports a quote inside an unquoted cell (which csv-parse throws without a CSV_ code)', async () => {
    const { findings } = await read('Nr;Belopp;Text\n1;2,50;Sec"ret"\n');
    expect(findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV', message: expect.stringMatching(/^line 2: column 3 \("Text"\) has a quote/) })]);
    expect(JSON.stringify(findings)).not.toContain('Sec');
  });

  it('reports every row with the wrong number of cells by its line, and keeps the good rows', async () => {
    const { records, findings } = await read('Nr;Belopp;Text\n1;2,50;a\n\n2;3,00\n3;4,00;c;d\n4;"5,00";"two\nlines"\n');
    expect(findings.map((f) => f.message)).toEqual([
      'line 4: the row has 2 cells but the header has 3; every row needs one cell per column (check for a missing or extra ";")',
      'line 5: the row has 4 cells but the header has 3; every row needs one cell per column (check for a missing or extra ";")',
    ]);
    expect(records.map((r) => r.recordId)).toEqual(['1', '4']);
  });

  it('reports a bad decimal with its line and field', async () => {
    const { findings } = await read('Nr;Belopp;Text\n1;2,50;a\n2;12,5,0;b\n');
    expect(findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_VALUE', message: 'line 3: field amount is not a valid amount' })]);
  });

  it('reports invalid UTF-8 with its line instead of replacing the bytes', async () => {
    const { findings } = await read(Buffer.concat([Buffer.from('Nr;Belopp;Text\n1;2,50;a\n2;3,00;'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]));
    expect(findings).toEqual([expect.objectContaining({ code: 'RECORD_INVALID_CSV', message: 'line 3: the text is not valid UTF-8; export the file as UTF-8' })]);
  });

  it('reads valid UTF-8 with multi-byte characters split across chunks', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i + 1};1 250,50;Åsa Öberg äter`).join('\n');
    const { records, findings } = await read(`Nr;Belopp;Text\n${rows}\n`);
    expect(findings).toEqual([]);
    expect(records).toHaveLength(20_000);
    expect(records[19_999]).toEqual(expect.objectContaining({ text: 'Åsa Öberg äter', fields: expect.objectContaining({ amount: 1250.5 }) }));
  });
});
