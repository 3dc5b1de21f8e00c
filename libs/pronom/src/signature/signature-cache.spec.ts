import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REAL_SIGNATURES } from '../testing/real-signatures';
import { droidXml, writeTempSignatureFile } from '../testing/droid-xml';
import { loadCompiled } from './signature-cache';
import { compileSignatureFile } from './signature-file.compiler';

describe('compiled signature cache', () => {
  it('compiles once, then loads the same compiled form from the cache keyed by sha256', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pronom-cache-'));
    const path = REAL_SIGNATURES.signatureFile as string;
    const cold = await loadCompiled(path, 'signatures', compileSignatureFile, cacheDir);
    expect(cold.fromCache).toBe(false);
    expect(readdirSync(cacheDir).sort()).toEqual([`pronom-signatures-${cold.sha256}-v1.json`, 'pronom-signatures-hashes.json']);
    const warm = await loadCompiled(path, 'signatures', compileSignatureFile, cacheDir);
    expect(warm.fromCache).toBe(true);
    expect(warm.compiled).toEqual(cold.compiled);
    expect(warm.compiled.sourceVersion).toBe('122');
    expect(warm.compiled.formats.length).toBe(2544);
    expect(warm.compiled.signatures.length).toBe(2242);
  });

  it('notices a replaced file even at the same path', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pronom-cache-'));
    const path = writeTempSignatureFile(droidXml([{ id: 1, puid: 'test/a' }]));
    await loadCompiled(path, 'signatures', compileSignatureFile, cacheDir);
    writeFileSync(path, droidXml([{ id: 1, puid: 'test/bb' }]));
    const again = await loadCompiled(path, 'signatures', compileSignatureFile, cacheDir);
    expect(again.fromCache).toBe(false);
    expect(again.compiled.formats[0].puid).toBe('test/bb');
  });

  it('misses when the file changes', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'pronom-cache-'));
    const a = writeTempSignatureFile(droidXml([{ id: 1, puid: 'test/a' }]));
    const b = writeTempSignatureFile(droidXml([{ id: 1, puid: 'test/b' }]));
    await loadCompiled(a, 'signatures', compileSignatureFile, cacheDir);
    const other = await loadCompiled(b, 'signatures', compileSignatureFile, cacheDir);
    expect(other.fromCache).toBe(false);
    expect(other.compiled.formats[0].puid).toBe('test/b');
  });

  it('rejects a file that is not a DROID signature file', () => {
    expect(() => compileSignatureFile('<?xml version="1.0"?><nope/>')).toThrow('not a DROID signature file');
  });
});
