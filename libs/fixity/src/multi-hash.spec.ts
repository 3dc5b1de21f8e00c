import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { hashFile, hashFileSync, hashStream, parseDigestAlgorithm } from '@samarkiv/fixity';

describe('multi-hash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixity-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'abc');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('computes every requested digest in one pass (RFC test vectors for "abc")', async () => {
    const r = await hashFile(file, ['MD5', 'SHA-1', 'SHA-256']);
    expect(r.size).toBe(3);
    expect(r.digests.MD5).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(r.digests['SHA-1']).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(r.digests['SHA-256']).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(r.digests['SHA-512']).toBeUndefined();
  });

  it('gives the same result from the sync and stream APIs', async () => {
    const a = hashFileSync(file, ['SHA-512']);
    const b = await hashStream(Readable.from([Buffer.from('a'), Buffer.from('bc')]), ['SHA-512']);
    expect(a).toEqual(b);
  });

  it('parses the spellings used by METS, OCFL and BagIt', () => {
    expect(parseDigestAlgorithm('sha512')).toBe('SHA-512');
    expect(parseDigestAlgorithm('SHA-256')).toBe('SHA-256');
    expect(parseDigestAlgorithm('crc32')).toBeUndefined();
  });
});
