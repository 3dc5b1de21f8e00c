import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OcflStore } from '../ocfl.store';
import { objectId } from '../ocfl-object-id';
import { StorageBackend } from '../storage.backend';
import { StorageErrorCode } from '../storage.errors';
import { VersionMeta } from '../ocfl-inventory';

export interface BackendFactory {
  name: string;
  /** A fresh, empty location per call. */
  make(): Promise<StorageBackend>;
  /** Overwrites or deletes a stored file behind the store's back (to simulate damage). */
  tamper(backend: StorageBackend, key: string, data: Buffer | undefined): Promise<void>;
  /** Every stored byte, concatenated, to prove purged content is gone. */
  rawBytes(backend: StorageBackend): Promise<Buffer>;
}

export const META: VersionMeta = {
  created: '2026-11-25T12:00:00Z',
  message: 'ingest',
  user: { name: 'Samarkiv', address: 'urn:samarkiv:system' },
};

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function sha512(data: Buffer | string): string {
  return createHash('sha512').update(data).digest('hex');
}

/** The same behaviour must hold for every backend (filesystem, S3). */
export function describeStoreSuite(factory: BackendFactory): void {
  describe(`OcflStore on ${factory.name}`, () => {
    const src = mkdtempSync(join(tmpdir(), 'ocfl-src-'));
    const file = (name: string, content: string | Buffer) => {
      const p = join(src, name.replace(/\//g, '_'));
      writeFileSync(p, content);
      return p;
    };
    const id = objectId('region-a', 'aip', '11111111-2222-3333-4444-555555555555');
    let store: OcflStore;

    afterAll(() => rmSync(src, { recursive: true, force: true }));
    beforeEach(async () => {
      store = await OcflStore.open(await factory.make());
    });

    async function createSample(): Promise<void> {
      await store.createObject(
        'region-a',
        id,
        [
          { logicalPath: 'METS.xml', sourcePath: file('METS.xml', '<mets/>') },
          { logicalPath: 'representations/rep1/data/a.pdf', sourcePath: file('a.pdf', 'PDF-A content') },
          { logicalPath: 'representations/rep1/data/copy.pdf', sourcePath: file('copy.pdf', 'PDF-A content') },
          { logicalPath: 'metadata/premis.xml', stream: Readable.from([Buffer.from('<premis/>')]) },
        ],
        META,
      );
    }

    it('creates a valid OCFL object, deduplicating identical content', async () => {
      await createSample();
      const inv = await store.inventory('region-a', id);
      expect(inv.head).toBe('v1');
      expect(inv.digestAlgorithm).toBe('sha512');
      expect(Object.keys(inv.manifest)).toHaveLength(3);
      expect(inv.manifest[sha512('PDF-A content')]).toEqual(['v1/content/representations/rep1/data/a.pdf']);
      expect(inv.versions.v1.state[sha512('PDF-A content')]).toEqual(['representations/rep1/data/a.pdf', 'representations/rep1/data/copy.pdf']);
      const report = await store.verifyObject('region-a', id);
      expect(report.findings).toEqual([]);
      expect((await readAll(await store.readFile('region-a', id, 'representations/rep1/data/copy.pdf'))).toString()).toBe('PDF-A content');
    });

    it('uses a caller-supplied digest without hashing again, and rejects a wrong one on streams', async () => {
      const content = 'precomputed';
      await store.createObject('region-a', id, [{ logicalPath: 'x.txt', sourcePath: file('x.txt', content), digests: { 'SHA-512': sha512(content) } }], META);
      expect((await store.inventory('region-a', id)).manifest[sha512(content)]).toBeDefined();
      const other = objectId('region-a', 'aip', 'other');
      await expect(
        store.createObject('region-a', other, [{ logicalPath: 'y', stream: Readable.from([Buffer.from('y')]), digests: { sha512: sha512('not y') } }], META),
      ).rejects.toMatchObject({ code: StorageErrorCode.DigestMismatch });
      expect(await store.exists('region-a', other)).toBe(false);
    });

    it('refuses to create an object twice', async () => {
      await createSample();
      await expect(createSample()).rejects.toMatchObject({ code: StorageErrorCode.AlreadyExists });
    });

    it('answers not found for another tenant', async () => {
      await createSample();
      await expect(store.inventory('region-b', id)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      await expect(store.readFile('region-b', id, 'METS.xml')).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      await expect(store.deleteObject('region-b', id)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      expect(await collect(store.listObjects('region-b'))).toEqual([]);
      expect(await collect(store.listObjects('region-a'))).toEqual([id]);
    });

    it('adds immutable versions and reads any of them', async () => {
      await createSample();
      await store.addVersion('region-a', id, { add: [{ logicalPath: 'METS.xml', sourcePath: file('METS2.xml', '<mets v="2"/>') }], remove: ['metadata/premis.xml'] }, { ...META, message: 'update' });
      const inv = await store.inventory('region-a', id);
      expect(inv.head).toBe('v2');
      expect(inv.manifest[sha512('<mets v="2"/>')]).toEqual(['v2/content/METS.xml']);
      expect((await readAll(await store.readFile('region-a', id, 'METS.xml'))).toString()).toBe('<mets v="2"/>');
      expect((await readAll(await store.readFile('region-a', id, 'METS.xml', 'v1'))).toString()).toBe('<mets/>');
      await expect(store.readFile('region-a', id, 'metadata/premis.xml')).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
    });

    it('detects a changed byte, a truncated file, a deleted file and an extra file', async () => {
      await createSample();
      const root = store.objectRoot('region-a', id);
      await factory.tamper(store.backend, `${root}/v1/content/METS.xml`, Buffer.from('<meTs/>'));
      await factory.tamper(store.backend, `${root}/v1/content/representations/rep1/data/a.pdf`, Buffer.from('PDF-A'));
      await factory.tamper(store.backend, `${root}/v1/content/metadata/premis.xml`, undefined);
      await factory.tamper(store.backend, `${root}/v1/content/stray.bin`, Buffer.from('stray'));
      const sizes = new Map([['v1/content/representations/rep1/data/a.pdf', 13]]);
      const report = await (await import('../ocfl.validator')).validateOcflObject(store.backend, root, { expectedSizes: sizes });
      const kinds = report.findings.map((f) => `${f.kind} ${f.path}`).sort();
      expect(kinds).toEqual([
        'changed v1/content/METS.xml',
        'extra v1/content/stray.bin',
        'missing v1/content/metadata/premis.xml',
        'truncated v1/content/representations/rep1/data/a.pdf',
      ]);
      expect(report.valid).toBe(false);
    });

    it('detects a tampered inventory through its sidecar', async () => {
      await createSample();
      const root = store.objectRoot('region-a', id);
      const inv = (await store.backend.getBytes(`${root}/inventory.json`)) as Buffer;
      await factory.tamper(store.backend, `${root}/inventory.json`, Buffer.from(inv.toString().replace('"ingest"', '"forged"')));
      const report = await store.verifyObject('region-a', id);
      expect(report.findings.map((f) => f.path)).toContain('inventory.json');
    });

    it('repairs a damaged object by copying from a verified copy, and refuses a damaged source', async () => {
      await createSample();
      const second = await OcflStore.open(await factory.make());
      await store.copyObjectTo(second, 'region-a', id);
      expect((await second.verifyObject('region-a', id)).findings).toEqual([]);
      const root = store.objectRoot('region-a', id);
      await factory.tamper(store.backend, `${root}/v1/content/METS.xml`, Buffer.from('<bad/>'));
      expect((await store.verifyObject('region-a', id)).valid).toBe(false);
      const empty = await OcflStore.open(await factory.make());
      await expect(store.copyObjectTo(empty, 'region-a', id)).rejects.toMatchObject({ code: StorageErrorCode.DigestMismatch });
      expect(await empty.exists('region-a', id)).toBe(false);
      expect(await collect(empty.backend.list(empty.objectRoot('region-a', id)))).toEqual([]);
      await store.copyObjectTo(second, 'region-a', id).catch(() => undefined);
      expect((await second.verifyObject('region-a', id)).findings).toEqual([]);
      await second.copyObjectTo(store, 'region-a', id);
      expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
    });

    it('detects a deleted object and restores it from the other copy', async () => {
      await createSample();
      const second = await OcflStore.open(await factory.make());
      await store.copyObjectTo(second, 'region-a', id);
      await store.deleteObject('region-a', id);
      expect(await store.exists('region-a', id)).toBe(false);
      expect((await store.verifyObject('region-a', id)).findings.map((f) => f.kind)).toContain('missing');
      await second.copyObjectTo(store, 'region-a', id);
      expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
    });

    it('purges content from every version so no stored byte remains', async () => {
      const secret = 'PATIENT-SECRET-' + 'x'.repeat(50);
      await store.createObject('region-a', id, [
        { logicalPath: 'journal.txt', sourcePath: file('journal.txt', secret) },
        { logicalPath: 'keep.txt', sourcePath: file('keep.txt', 'keep me') },
      ], META);
      await store.addVersion('region-a', id, { add: [{ logicalPath: 'other.txt', sourcePath: file('other.txt', 'other') }] }, META);
      expect((await factory.rawBytes(store.backend)).includes(Buffer.from(secret))).toBe(true);
      const inv = await store.purgeContent('region-a', id, ['journal.txt'], { ...META, message: 'disposal decision 2026-17' });
      expect(inv.head).toBe('v3');
      const raw = await factory.rawBytes(store.backend);
      expect(raw.includes(Buffer.from(secret))).toBe(false);
      expect(raw.includes(Buffer.from(sha512(secret)))).toBe(false);
      expect(raw.includes(Buffer.from('journal.txt'))).toBe(false);
      for (const v of ['v1', 'v2', 'v3']) {
        await expect(store.readFile('region-a', id, 'journal.txt', v)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
      }
      expect((await readAll(await store.readFile('region-a', id, 'keep.txt', 'v1'))).toString()).toBe('keep me');
      expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
    });
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
