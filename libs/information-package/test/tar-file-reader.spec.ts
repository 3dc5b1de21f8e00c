import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FindingSink, openPackage } from '@samarkiv/information-package';
import { useTempDir } from './support/temp-dir';

const LONG = `pkg/${'nested-folder-with-a-long-name/'.repeat(6)}file-with-a-long-name.txt`;
const NORDIC = 'pkg/data/Röntgenutlåtande – ärende.txt';

/** Uncompressed TARs are read by position (tar-file.reader); what GNU tar writes must come out as it went in. */
describe('TAR files read by position', () => {
  const tmp = useTempDir('tar-file');
  const files: Record<string, string> = { 'pkg/METS.xml': '<mets/>', [LONG]: 'long', [NORDIC]: 'åäö' };

  beforeAll(() => {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(tmp(), 'src', name, '..'), { recursive: true });
      writeFileSync(join(tmp(), 'src', name), content);
    }
  });

  const tarOf = (format: string) => {
    const file = join(tmp(), `${format}.tar`);
    execFileSync('tar', [`--format=${format}`, '-cf', file, '-C', join(tmp(), 'src'), 'pkg']);
    return file;
  };

  // gnu: long names in 'L' entries; pax: in extended headers; ustar: split into prefix and name.
  it.each(['gnu', 'pax', 'ustar'])('extracts a %s TAR: long and non-ASCII names, every file and the container digest', async (format) => {
    const tar = tarOf(format);
    const sink = new FindingSink();
    const opened = await openPackage(tar, sink, { stagingDir: join(tmp(), `out-${format}`), digests: ['SHA-256'] });
    try {
      expect(sink.findings.filter((f) => f.severity === 'error')).toEqual([]);
      for (const [name, content] of Object.entries(files)) expect(readFileSync(join(opened.root as string, name.slice('pkg/'.length)), 'utf8')).toBe(content);
      expect(opened.containerDigests?.digests['SHA-256']).toBe(createHash('sha256').update(readFileSync(tar)).digest('hex'));
    } finally {
      await opened.dispose();
    }
  });

  it('refuses a truncated TAR and one with a damaged header', async () => {
    const whole = readFileSync(tarOf('gnu'));
    const truncated = join(tmp(), 'truncated.tar');
    writeFileSync(truncated, whole.subarray(0, 512 + 100));
    const damaged = join(tmp(), 'damaged.tar');
    const copy = Buffer.from(whole);
    copy[10] ^= 0x01;
    writeFileSync(damaged, copy);
    for (const file of [truncated, damaged]) {
      const sink = new FindingSink();
      const opened = await openPackage(file, sink, { stagingDir: join(tmp(), 'refused') });
      expect(opened.root).toBeNull();
      expect(sink.findings.map((f) => f.id)).toEqual(['READ-TAR']);
    }
  });
});
