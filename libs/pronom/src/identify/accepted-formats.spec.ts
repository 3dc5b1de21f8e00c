import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realIdentifier } from '../testing/real-signatures';
import * as samples from '../testing/sample-files';
import { FormatIdentifier } from './format-identifier';

interface Case {
  file: string;
  bytes: () => Buffer;
  signature: { puid: string; basis: string };
  builtin: { puid: string; basis: string };
}

const sig = (puid: string, basis = 'signature') => ({ puid, basis });
const bi = (puid: string) => ({ puid, basis: 'builtin' });

/** Every format the default policy accepts, generated, with the PUIDs PRONOM gives them. */
const CASES: Case[] = [
  { file: 'plain.pdf', bytes: () => samples.samplePdf('1.4'), signature: sig('fmt/18'), builtin: bi('fmt/18') },
  { file: 'plain17.pdf', bytes: () => samples.samplePdf('1.7'), signature: sig('fmt/276'), builtin: bi('fmt/276') },
  { file: 'pdfa-1b.pdf', bytes: () => samples.samplePdf('1.4', { part: 1, conformance: 'B' }), signature: sig('fmt/354'), builtin: bi('fmt/354') },
  { file: 'pdfa-1a.pdf', bytes: () => samples.samplePdf('1.4', { part: 1, conformance: 'A' }), signature: sig('fmt/95'), builtin: bi('fmt/95') },
  {
    file: 'pdfa-2a.pdf',
    bytes: () => samples.samplePdf('1.7', { part: 2, conformance: 'A', asElements: true }),
    signature: sig('fmt/476'),
    builtin: bi('fmt/476'),
  },
  { file: 'pdfa-2b.pdf', bytes: () => samples.samplePdf('1.7', { part: 2, conformance: 'B' }), signature: sig('fmt/477'), builtin: bi('fmt/477') },
  { file: 'pdfa-2u.pdf', bytes: () => samples.samplePdf('1.7', { part: 2, conformance: 'U' }), signature: sig('fmt/478'), builtin: bi('fmt/478') },
  { file: 'pdfa-3a.pdf', bytes: () => samples.samplePdf('1.7', { part: 3, conformance: 'A' }), signature: sig('fmt/479'), builtin: bi('fmt/479') },
  { file: 'pdfa-3b.pdf', bytes: () => samples.samplePdf('1.7', { part: 3, conformance: 'B' }), signature: sig('fmt/480'), builtin: bi('fmt/480') },
  { file: 'pdfa-3u.pdf', bytes: () => samples.samplePdf('1.7', { part: 3, conformance: 'U' }), signature: sig('fmt/481'), builtin: bi('fmt/481') },
  { file: 'image.tif', bytes: samples.sampleTiff, signature: sig('fmt/353'), builtin: bi('fmt/353') },
  { file: 'photo.jpg', bytes: () => samples.sampleJpeg('jfif'), signature: sig('fmt/43'), builtin: bi('fmt/43') },
  { file: 'image.png', bytes: samples.samplePng, signature: sig('fmt/11'), builtin: bi('fmt/11') },
  { file: 'data.xml', bytes: samples.sampleXml, signature: sig('fmt/101'), builtin: bi('fmt/101') },
  { file: 'note.txt', bytes: () => samples.sampleText('utf8'), signature: sig('x-fmt/111', 'extension'), builtin: bi('x-fmt/111') },
  { file: 'latin1.txt', bytes: () => samples.sampleText('latin1'), signature: sig('x-fmt/111', 'extension'), builtin: bi('x-fmt/111') },
  { file: 'table.csv', bytes: samples.sampleCsv, signature: sig('x-fmt/18', 'extension'), builtin: bi('x-fmt/18') },
  { file: 'archive.zip', bytes: () => samples.sampleZip(), signature: sig('x-fmt/263'), builtin: bi('x-fmt/263') },
  { file: 'letter.docx', bytes: samples.sampleDocx, signature: sig('fmt/412', 'container'), builtin: bi('fmt/412') },
  { file: 'sheet.xlsx', bytes: samples.sampleXlsx, signature: sig('fmt/214', 'container'), builtin: bi('fmt/214') },
  { file: 'text.odt', bytes: () => samples.sampleOdt('1.2'), signature: sig('fmt/291', 'container'), builtin: bi('fmt/291') },
];

describe('identification of generated files of each accepted format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pronom-formats-'));
  for (const c of CASES) writeFileSync(join(dir, c.file), c.bytes());

  describe('with the PRONOM signature file (v122)', () => {
    let id: FormatIdentifier;
    beforeAll(async () => {
      id = await realIdentifier();
    });

    it.each(CASES.map((c) => [c.file, c.signature.puid, c.signature.basis]))('%s → %s (%s)', async (file, puid, basis) => {
      const r = await id.identifyFile(join(dir, file));
      expect(r.puid).toBe(puid);
      expect(r.basis).toBe(basis);
      expect(r.warnings.filter((w) => w.startsWith('extension mismatch'))).toEqual([]);
    });

    it('names format, version and MIME type from the signature file', async () => {
      const r = await id.identifyFile(join(dir, 'plain.pdf'));
      expect(r).toMatchObject({ name: 'Acrobat PDF 1.4 - Portable Document Format', version: '1.4', mime: 'application/pdf' });
    });
  });

  describe('with the built-in table (no signature file configured)', () => {
    let id: FormatIdentifier;
    beforeAll(async () => {
      id = await FormatIdentifier.create();
    });

    it.each(CASES.map((c) => [c.file, c.builtin.puid]))('%s → %s', async (file, puid) => {
      const r = await id.identifyFile(join(dir, file));
      expect(r.puid).toBe(puid);
      expect(r.basis).toBe('builtin');
    });

    it('names Exif JPEG and tells unknown bytes from text', async () => {
      const exif = join(dir, 'exif.jpg');
      writeFileSync(exif, samples.sampleJpeg('exif'));
      expect((await id.identifyFile(exif)).puid).toBe('fmt/645');
      const bin = join(dir, 'blob.bin');
      writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
      expect(await id.identifyFile(bin)).toMatchObject({ puid: null, basis: 'none' });
    });
  });
});
