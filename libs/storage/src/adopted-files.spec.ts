import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStorageBackend } from './fs-storage.backend';
import { OcflStore, StoredContent } from './ocfl.store';
import { objectId } from './ocfl-object-id';
import { META } from './testing/ocfl-store.suite';

const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('hex');
const ID = objectId('region-a', 'aip', 'adopted-0001');

/** Adopted files (IngestFile.adopt) become object content by a hard link where the file system allows one. */
describe('adopted source files on a filesystem location', () => {
  let base: string;
  let store: OcflStore;

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'ocfl-adopt-'));
    store = await OcflStore.open(new FsStorageBackend(join(base, 'root')));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const source = (dir: string, name: string, data: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  const contentPath = (logical: string) => join(store.location.slice('file://'.length), store.objectRoot('region-a', ID), 'v1', 'content', logical);

  it('links an adopted file (the same inode, nothing copied) and records the digest it was given', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const small = Buffer.from('<mets/>');
    const written: StoredContent[] = [];
    await store.createObject(
      'region-a',
      ID,
      [
        { logicalPath: 'data/big.bin', sourcePath: source(base, 'big.bin', big), size: big.length, digests: { 'SHA-512': sha512(big) }, adopt: true },
        { logicalPath: 'METS.xml', sourcePath: source(base, 'METS.xml', small), digests: { 'SHA-512': sha512(small) } },
      ],
      META,
      { onContent: (c) => written.push(c) },
    );
    expect(statSync(contentPath('data/big.bin')).ino).toBe(statSync(join(base, 'big.bin')).ino);
    expect(statSync(contentPath('METS.xml')).ino).not.toBe(statSync(join(base, 'METS.xml')).ino);
    expect(written.map((w) => [w.contentPath, w.linked === true]).sort()).toEqual([
      ['v1/content/METS.xml', false],
      ['v1/content/data/big.bin', true],
    ]);
    expect((await store.inventory('region-a', ID)).manifest[sha512(big)]).toEqual(['v1/content/data/big.bin']);
    expect((await store.verifyObject('region-a', ID)).findings).toEqual([]);
  });

  it('refuses an adopted file whose size differs from the one given, leaving no object', async () => {
    const data = randomBytes(1000);
    await expect(
      store.createObject('region-a', ID, [{ logicalPath: 'a.bin', sourcePath: source(base, 'a.bin', data), size: 999, digests: { sha512: sha512(data) }, adopt: true }], META),
    ).rejects.toThrow(/size 1000 differs from the expected 999/);
    expect(await store.exists('region-a', ID)).toBe(false);
  });

  // /dev/shm is a tmpfs: another file system than the temp folder wherever both exist.
  const otherFs = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? it : it.skip;
  otherFs('copies and hashes an adopted file that lives on another file system', async () => {
    const shm = mkdtempSync('/dev/shm/ocfl-adopt-');
    try {
      const data = randomBytes(2 * 1024 * 1024);
      const written: StoredContent[] = [];
      await store.createObject('region-a', ID, [{ logicalPath: 'a.bin', sourcePath: source(shm, 'a.bin', data), digests: { sha512: sha512(data) }, adopt: true }], META, { onContent: (c) => written.push(c) });
      expect(written).toEqual([{ contentPath: 'v1/content/a.bin', digest: sha512(data), size: data.length, linked: undefined }]);
      expect(readFileSync(contentPath('a.bin')).equals(data)).toBe(true);
      expect((await store.verifyObject('region-a', ID)).findings).toEqual([]);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });
});
