import * as CFB from 'cfb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSource, PrefixSuffixSource } from '../identify/random-access-source';
import { FormatIdentifier } from '../identify/format-identifier';
import { realIdentifier } from '../testing/real-signatures';
import { sampleDoc, sampleDocx, sampleEpub, sampleOdt, sampleXlsx, sampleZip } from '../testing/sample-files';
import { Ole2ContainerReader } from './ole2-container.reader';
import { ZipContainerReader } from './zip-container.reader';

const dir = mkdtempSync(join(tmpdir(), 'pronom-container-'));
function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('container signatures (PRONOM container file 20260119)', () => {
  let id: FormatIdentifier;
  beforeAll(async () => {
    id = await realIdentifier();
  });

  it.each([
    ['letter.docx', 'fmt/412', sampleDocx],
    ['sheet.xlsx', 'fmt/214', sampleXlsx],
    ['text.odt', 'fmt/291', () => sampleOdt('1.2')],
    ['book.epub', 'fmt/483', sampleEpub],
    ['letter.doc', 'fmt/40', sampleDoc],
  ])('%s is identified by its entries as %s', async (name, puid, make) => {
    const r = await id.identifyFile(file(name, make()));
    expect(r.puid).toBe(puid);
    expect(r.basis).toBe('container');
  });

  it('keeps the ZIP identification when no container signature matches', async () => {
    const r = await id.identifyFile(file('plain.zip', sampleZip({ 'a.txt': 'a', 'b/c.txt': 'c' })));
    expect(r).toMatchObject({ puid: 'x-fmt/263', basis: 'signature' });
  });

  it('reports a container it cannot read as a warning, keeping the outer format', async () => {
    const docx = sampleDocx();
    // The caller holds only both ends of a larger file: the central directory lies in between.
    const r = await id.identifyBuffer(docx.subarray(0, 64), docx.subarray(docx.length - 400), docx.length + 100_000, 'big.docx');
    expect(r.puid).toBe('x-fmt/263');
    expect(r.warnings.join()).toContain('ZIP container not readable');
  });
});

describe('ZipContainerReader', () => {
  it('lists entries from the central directory and reads only what is asked', async () => {
    const big = 'x'.repeat(2_000_000);
    const source = await FileSource.open(file('big.zip', sampleZip({ 'small.txt': 'hello', 'big.txt': big })));
    try {
      const zip = await ZipContainerReader.open(source, 1 << 20);
      expect(zip.has('small.txt')).toBe(true);
      expect(zip.has('missing.txt')).toBe(false);
      expect((await zip.read('small.txt', 100)).toString()).toBe('hello');
      expect((await zip.read('big.txt', 1000)).length).toBeLessThanOrEqual(1000);
    } finally {
      await source.close();
    }
  });

  it('works from an in-memory prefix and suffix when the whole archive is there', async () => {
    const bytes = sampleZip({ 'a.txt': 'abc' });
    const zip = await ZipContainerReader.open(new PrefixSuffixSource(bytes, bytes, bytes.length), 1 << 20);
    expect((await zip.read('a.txt', 10)).toString()).toBe('abc');
  });
});

describe('Ole2ContainerReader', () => {
  it('reads mini-stream and regular streams, nested storages, without control-character prefixes', async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/\x05SummaryInformation', Buffer.from('summary'));
    CFB.utils.cfb_add(cfb, '/Big', Buffer.alloc(10_000, 7));
    CFB.utils.cfb_add(cfb, '/Storage/Inner', Buffer.from('inner stream'));
    const source = await FileSource.open(file('test.ole', Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array)));
    try {
      const ole = await Ole2ContainerReader.open(source, 1 << 20);
      expect(ole.has('SummaryInformation')).toBe(true);
      expect(ole.has('Storage/Inner')).toBe(true);
      expect((await ole.read('SummaryInformation', 100)).toString()).toBe('summary');
      expect((await ole.read('Storage/Inner', 100)).toString()).toBe('inner stream');
      const big = await ole.read('Big', 5000);
      expect(big.length).toBe(5000);
      expect(big.every((b) => b === 7)).toBe(true);
    } finally {
      await source.close();
    }
  });

  it('refuses a file that is not OLE2', async () => {
    const source = await FileSource.open(file('not.ole', Buffer.alloc(1024, 1)));
    try {
      await expect(Ole2ContainerReader.open(source, 1 << 20)).rejects.toThrow('not an OLE2');
    } finally {
      await source.close();
    }
  });
});
