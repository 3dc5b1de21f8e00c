import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, openSync, closeSync, writeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realIdentifier } from '../testing/real-signatures';
import { unzipSync, zipSync } from 'fflate';
import { sampleDocx, samplePdf, sampleXml } from '../testing/sample-files';
import { FormatIdentifier } from './format-identifier';

const MiB = 1024 * 1024;

describe('bounded reads', () => {
  let id: FormatIdentifier;
  const dir = mkdtempSync(join(tmpdir(), 'pronom-bounded-'));
  beforeAll(async () => {
    id = await realIdentifier();
  });

  it('reads only the BOF and EOF windows the signatures need', () => {
    expect(id.windows.bof).toBeGreaterThan(0);
    expect(id.windows.bof + id.windows.eof).toBeLessThanOrEqual(MiB);
  });

  it('identifies a 2 GiB sparse PDF reading at most 1 MiB of it', async () => {
    const path = join(dir, 'huge.pdf');
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 0, undefined, 0);
      ftruncateSync(fd, 2 * 1024 * MiB);
      const tail = Buffer.from('trailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n');
      writeSync(fd, tail, 0, tail.length, 2 * 1024 * MiB - tail.length);
    } finally {
      closeSync(fd);
    }
    const r = await id.identifyFile(path);
    expect(r.puid).toBe('fmt/18');
    expect(r.bytesRead).toBeLessThanOrEqual(MiB);
  });

  it('refuses a FIFO instead of blocking on it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(id.identifyFile(fifo)).rejects.toThrow('not a regular file');
  });

  it('identifies a large docx by its central directory and one entry, not the whole archive', async () => {
    const path = join(dir, 'large.docx');
    const docx = unzipSync(sampleDocx());
    const big = new Uint8Array(24 * MiB).fill(0x41);
    writeFileSync(path, Buffer.from(zipSync({ ...Object.fromEntries(Object.entries(docx)), 'word/media/big.bin': [big, { level: 0 }] })));
    const r = await id.identifyFile(path);
    expect(r.puid).toBe('fmt/412');
    expect(r.bytesRead).toBeLessThanOrEqual(MiB);
  });

  it('reads a small file once, whole', async () => {
    const bytes = sampleXml();
    const path = join(dir, 'small.xml');
    writeFileSync(path, bytes);
    const r = await id.identifyFile(path);
    expect(r.puid).toBe('fmt/101');
    expect(r.bytesRead).toBe(bytes.length);
  });

  it('identifies from a prefix and suffix the caller already read', async () => {
    const pdf = samplePdf('1.7');
    const r = await id.identifyBuffer(pdf.subarray(0, 64), pdf.subarray(pdf.length - 64), pdf.length, 'x.pdf');
    expect(r.puid).toBe('fmt/276');
  });

  it('identifies a stream, keeping only head and tail', async () => {
    const path = join(dir, 'stream.pdf');
    writeFileSync(path, Buffer.concat([samplePdf('1.4').subarray(0, 20), Buffer.alloc(3 * MiB, 0x20), Buffer.from('\n%%EOF\n')]));
    const r = await id.identifyStream(createReadStream(path), 'stream.pdf');
    expect(r.puid).toBe('fmt/18');
  });
});
