import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REAL_SIGNATURES } from '../testing/real-signatures';
import { samplePdf, samplePng, sampleXml } from '../testing/sample-files';
import { runIdentifyCli } from './identify-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out, err };
}

describe('runIdentifyCli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pronom-cli-'));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.pdf'), samplePdf('1.7'));
  writeFileSync(join(dir, 'sub', 'b.png'), samplePng());
  writeFileSync(join(dir, 'sub', 'deeper', 'c.xml'), sampleXml());
  writeFileSync(join(dir, 'sub', 'unknown.qqq'), Buffer.from([0, 1, 2, 3]));
  const sigArgs = [
    '--signatures',
    REAL_SIGNATURES.signatureFile as string,
    '--container-signatures',
    REAL_SIGNATURES.containerSignatureFile as string,
    '--cache-dir',
    REAL_SIGNATURES.cacheDir as string,
  ];

  it('walks folders recursively and prints one JSON object per line', async () => {
    const c = capture();
    expect(await runIdentifyCli(['identify', dir, ...sigArgs, '--json'], c.io)).toBe(0);
    const lines = c.out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.path, l.puid])).toEqual([
      [join(dir, 'a.pdf'), 'fmt/276'],
      [join(dir, 'sub', 'b.png'), 'fmt/11'],
      [join(dir, 'sub', 'deeper', 'c.xml'), 'fmt/101'],
      [join(dir, 'sub', 'unknown.qqq'), null],
    ]);
    expect(Object.keys(lines[0])).toEqual(['path', 'puid', 'name', 'version', 'mime', 'basis', 'warnings']);
    expect(lines[3]).toMatchObject({ basis: 'none', warnings: [] });
  });

  it('prints a readable line per file without --json, using the built-in table by default', async () => {
    const c = capture();
    expect(await runIdentifyCli([join(dir, 'a.pdf')], c.io)).toBe(0);
    expect(c.out.join('')).toBe(`${join(dir, 'a.pdf')}\tfmt/276\tAcrobat PDF 1.7 - Portable Document Format 1.7\tbuiltin\n`);
  });

  it('exits 2 on usage errors', async () => {
    const c = capture();
    expect(await runIdentifyCli(['identify'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('usage: samarkiv identify');
    expect(await runIdentifyCli(['identify', dir, '--bogus'], capture().io)).toBe(2);
    expect(await runIdentifyCli(['identify', dir, '--signatures'], capture().io)).toBe(2);
  });

  it('exits 2 on I/O errors but still reports the other files', async () => {
    const c = capture();
    expect(await runIdentifyCli(['identify', join(dir, 'missing.pdf'), join(dir, 'a.pdf'), '--json'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('missing.pdf');
    expect(c.out).toHaveLength(1);
  });

  it('exits 2 when the signature file cannot be loaded', async () => {
    const c = capture();
    expect(await runIdentifyCli(['identify', dir, '--signatures', join(dir, 'nope.xml')], c.io)).toBe(2);
    expect(c.err.join('')).toContain('cannot load signatures');
  });
});
