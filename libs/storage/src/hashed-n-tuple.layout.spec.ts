import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStorageBackend } from './fs-storage.backend';
import { HashedNTupleLayout } from './hashed-n-tuple.layout';
import { OcflStore } from './ocfl.store';
import { StorageErrorCode } from './storage.errors';
import { writeFileSync } from 'node:fs';

describe('0004-hashed-n-tuple-storage-layout', () => {
  it('maps ids like the extension specification examples', () => {
    const layout = new HashedNTupleLayout();
    expect(layout.objectRoot('object-01')).toBe('3c0/ff4/240/3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4');
    const short = new HashedNTupleLayout({ ...layout.config, tupleSize: 2, numberOfTuples: 15, shortObjectRoot: true });
    expect(short.objectRoot('object-01')).toBe('3c/0f/f4/24/0c/1e/11/6d/ba/14/c7/62/7f/23/19/b58aa3d77606d0d90dfc6161608ac987d4');
  });
});

describe('storage root', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ocfl-root-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('declares an OCFL 1.1 storage root with its layout extension', async () => {
    await OcflStore.open(new FsStorageBackend(root));
    expect(readFileSync(join(root, '0=ocfl_1.1'), 'utf8')).toBe('ocfl_1.1\n');
    expect(JSON.parse(readFileSync(join(root, 'ocfl_layout.json'), 'utf8'))).toMatchObject({ extension: '0004-hashed-n-tuple-storage-layout' });
    expect(JSON.parse(readFileSync(join(root, 'extensions/0004-hashed-n-tuple-storage-layout/config.json'), 'utf8'))).toEqual({
      extensionName: '0004-hashed-n-tuple-storage-layout',
      digestAlgorithm: 'sha256',
      tupleSize: 3,
      numberOfTuples: 3,
      shortObjectRoot: false,
    });
    await expect(OcflStore.open(new FsStorageBackend(root))).resolves.toBeDefined();
  });

  it('refuses a non-empty directory that is not a storage root', async () => {
    writeFileSync(join(root, 'something'), 'x');
    await expect(OcflStore.open(new FsStorageBackend(root))).rejects.toMatchObject({ code: StorageErrorCode.NotAStorageRoot });
  });
});
