import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { CanonicalRecord, FindingSink, RecordTypeShape } from '../canonical-record';
import { readCcda } from './ccda.reader';

const CORPUS = join(SHARED_DIR, 'samples/ehr/ccda');
const MALFORMED = 'MDLogic/ContinuityOfCareDocument_MUBatJer_20170601-145724.xml';

export const PATIENT_RECORD_SHAPE: RecordTypeShape = {
  id: 'patient-record',
  partyFields: ['patientId'],
  fields: ['patientId', 'patientName', 'date', 'careProvider', 'careUnit', 'documentType', 'title', 'author', 'signedBy', 'signedAt', 'sourceSystem', 'text'].map((name) => ({
    name,
    kind: 'text' as const,
    multiple: false,
  })).concat([{ name: 'diagnosisCodes', kind: 'text' as const, multiple: true }]),
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function read(path: string, options = {}) {
  const logicalPath = relative(CORPUS, path);
  const findings = new FindingSink(logicalPath);
  const records: CanonicalRecord[] = [];
  for await (const r of readCcda({ path, logicalPath }, PATIENT_RECORD_SHAPE, options, findings)) records.push(r);
  return { records, findings: findings.findings };
}

describe('C-CDA R2.1 reader over the shared corpus', () => {
  jest.setTimeout(120_000);
  const files = walk(CORPUS).filter((f) => /\.xml$/i.test(f));

  it('has the whole corpus (170 documents from 52 products)', () => {
    expect(files).toHaveLength(170);
  });

  it('maps every well-formed document to one record with patient id and issuer, date, author, document type and section text', async () => {
    const problems: string[] = [];
    for (const file of files) {
      const logical = relative(CORPUS, file);
      if (logical === MALFORMED) continue;
      const { records, findings } = await read(file);
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length || records.length !== 1) {
        problems.push(`${logical}: ${records.length} records, ${errors.map((e) => e.code).join(',')}`);
        continue;
      }
      const r = records[0];
      const f = r.fields;
      const missing = [
        !r.patient?.id && 'patient id',
        // An id given as a bare root OID is its own issuer-less identifier (two vendors do this).
        !r.patient?.issuer && !/^\d+(\.\d+)+$/.test(r.patient?.id ?? '') && 'issuer',
        !f.date && 'date',
        !f.author && 'author',
        !f.documentType && 'documentType',
        !f.patientName && 'patientName',
        !(r.text && r.text.length > 100) && 'text',
      ].filter(Boolean);
      if (missing.length) problems.push(`${logical}: missing ${missing.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses the namespace-malformed document with a clear finding and no record', async () => {
    const { records, findings } = await read(join(CORPUS, MALFORMED));
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'RECORD_XML_NOT_WELL_FORMED', file: MALFORMED, message: expect.stringContaining('not well-formed') })]);
  });

  it('reads header values of a known document exactly', async () => {
    const { records } = await read(join(CORPUS, 'Amrita/Adirondack_Susanne_808080_CCD_201709180916.xml'), { documentTypes: { '34133-9': 'sammanfattning' } });
    const r = records[0];
    expect(r.patient).toEqual({ id: '55', issuer: '2.16.840.1.113883.3.3619.2' });
    expect(r.recordId).toBe('2.16.840.1.113883.3.3619^1');
    expect(r.fields).toMatchObject({
      patientName: 'Susanne Adirondack',
      date: '2017-09-18T09:16:33-04:00',
      documentType: 'sammanfattning',
      title: 'Summarization of Episode Note',
      author: 'Anna Bates MD',
      careProvider: 'Community Health and Hospitals',
    });
    expect(r.text).toMatch(/Allergies/i);
  });

  it('takes relative narrative links as the document\'s attachments, and ignores web links and fragments', async () => {
    const links = ['../attachments/scan.pdf', 'https://example.org/info', '#section-2', '../attachments/scan.pdf', 'bilder/rontgen.jpg'].map((href) => `<paragraph><linkHtml href="${href}">x</linkHtml></paragraph>`).join('');
    const xml = readFileSync(join(CORPUS, 'Amrita/Adirondack_Susanne_808080_CCD_201709180916.xml'), 'utf8').replace('</structuredBody>', `<component><section><title>Bilaga</title><text>${links}</text></section></component></structuredBody>`);
    const path = join(mkdtempSync(join(tmpdir(), 'ccda-')), 'linked.xml');
    writeFileSync(path, xml);
    const { records } = await read(path);
    expect(records[0].attachments).toEqual(['../attachments/scan.pdf', 'bilder/rontgen.jpg']);
    const { records: plain } = await read(join(CORPUS, 'Amrita/Adirondack_Susanne_808080_CCD_201709180916.xml'));
    expect(plain[0].attachments).toBeUndefined();
  });
});
