import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FindingSink, openPackage } from '@samarkiv/information-package';
import { tarFolder, zipFolder } from './support/package-archives';
import { useTempDir } from './support/temp-dir';

jest.setTimeout(60_000);

const sha = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

/**
 * Every extracted file's digests come from the bytes as they were written, whether the file is
 * small (hashed in memory), mid-sized (hashed while streamed) or large (hashed on other threads,
 * one per algorithm, while written and flushed to disk on the way).
 */
describe('digests taken while a package is extracted', () => {
  const tmp = useTempDir('extraction-digests');
  const files: Record<string, Buffer> = {};

  beforeAll(() => {
    const root = join(tmp(), 'pkg');
    mkdirSync(join(root, 'data'), { recursive: true });
    files['METS.xml'] = Buffer.from('<mets/>');
    files['data/medium.bin'] = randomBytes(3 * 1024 * 1024 + 7);
    files['data/large.bin'] = randomBytes(70 * 1024 * 1024 + 13);
    files['data/second-large.bin'] = randomBytes(33 * 1024 * 1024);
    for (const [name, data] of Object.entries(files)) writeFileSync(join(root, name), data);
  });

  const expectFiles = (opened: Awaited<ReturnType<typeof openPackage>>) => {
    expect(opened.root).not.toBeNull();
    for (const [name, data] of Object.entries(files)) {
      expect(readFileSync(join(opened.root as string, name)).equals(data)).toBe(true);
      expect(opened.fileDigests?.get(name)).toEqual({ size: data.length, digests: { 'SHA-256': sha('sha256', data), 'SHA-512': sha('sha512', data) } });
    }
  };

  it('TAR: every file and the container, in the one read, with large files flushed while written and small ones shown', async () => {
    const tar = await tarFolder(join(tmp(), 'pkg'), join(tmp(), 'pkg.tar'));
    const shown = new Map<string, Buffer>();
    const opened = await openPackage(tar, new FindingSink(), {
      stagingDir: join(tmp(), 'tar'),
      digests: ['SHA-256', 'SHA-512'],
      flushLargeFiles: true,
      onSmallFile: (path, data) => void shown.set(path, Buffer.from(data)),
    });
    try {
      expectFiles(opened);
      // Only files held whole in memory (up to 1 MiB) are shown, with the root folder in their path.
      expect([...shown.keys()]).toEqual(['pkg/METS.xml']);
      expect(shown.get('pkg/METS.xml')?.equals(files['METS.xml'])).toBe(true);
      const container = readFileSync(tar);
      expect(opened.containerDigests).toEqual({ size: container.length, digests: { 'SHA-256': sha('sha256', container), 'SHA-512': sha('sha512', container) } });
    } finally {
      await opened.dispose();
    }
  });

  it('TAR: no container digest when the caller already has it', async () => {
    const tar = await tarFolder(join(tmp(), 'pkg'), join(tmp(), 'pkg-again.tar'));
    const opened = await openPackage(tar, new FindingSink(), { stagingDir: join(tmp(), 'tar-known'), digests: ['SHA-256', 'SHA-512'], containerDigests: [] });
    try {
      expectFiles(opened);
      expect(opened.containerDigests).toBeUndefined();
    } finally {
      await opened.dispose();
    }
  });

  it('ZIP: every file', async () => {
    const zip = zipFolder(join(tmp(), 'pkg'), join(tmp(), 'pkg.zip'));
    const opened = await openPackage(zip, new FindingSink(), { stagingDir: join(tmp(), 'zip'), digests: ['SHA-256', 'SHA-512'] });
    try {
      expectFiles(opened);
    } finally {
      await opened.dispose();
    }
  });
});
