import { INestApplicationContext } from '@nestjs/common';
import { FsStorageBackend, objectId, OcflStore, validateOcflObject } from '@samarkiv/storage';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { PremisEventType, PreservationFacade } from '../../src/preservation/preservation.facade';
import { RequestContext } from '../../src/platform/context';
import { bootCli, newTenant, sourceFiles } from '../support/preservation-fixtures';
import { useTestEnvironment } from '../support/test-env';

const read = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('hex');

describe('preservation: storing objects in every location of the policy (filesystem locations)', () => {
  let app: INestApplicationContext;
  let ds: DataSource;
  let facade: PreservationFacade;
  let storageRoot: string;
  let tenantId: string;
  let ctx: RequestContext;

  const location = async (name: 'primary' | 'secondary') => OcflStore.open(new FsStorageBackend(join(storageRoot, 'archive', name)));
  const newId = () => objectId(tenantId, 'aip', randomUUID());

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment());
    ({ app, ds } = await bootCli());
    facade = app.get(PreservationFacade);
    ({ tenantId, ctx } = await newTenant(app));
  });
  afterAll(async () => app?.close());

  it('writes two verified copies by default, valid OCFL, and catalogues them with events', async () => {
    const id = newId();
    const files = sourceFiles(join(storageRoot, 'src', 'a'));
    const stored = await facade.storeObject(ctx, { objectId: id, files, message: 'ingest of SIP x', agent: { name: 'ingest', address: 'urn:samarkiv:test' } });
    const expectedBytes = files.reduce((n, f) => n + readFileSync(f.sourcePath).length, 0);
    expect(stored).toMatchObject({ objectId: id, version: 'v1', fileCount: files.length, totalBytes: expectedBytes });
    expect(stored.copies.map((c) => c.location)).toEqual(['primary', 'secondary']);
    for (const name of ['primary', 'secondary'] as const) {
      const store = await location(name);
      const report = await validateOcflObject(store.backend, store.objectRoot(tenantId, id), { expectedId: id });
      expect(report.findings).toEqual([]);
      expect(report.inventory?.versions.v1.message).toBe('ingest of SIP x');
    }
    const copies = (await ds.query(`SELECT location, status, head FROM stored_copy WHERE tenant_id = $1 AND object_id = $2 ORDER BY location`, [tenantId, id])) as unknown[];
    expect(copies).toEqual([
      { location: 'primary', status: 'verified', head: 'v1' },
      { location: 'secondary', status: 'verified', head: 'v1' },
    ]);
    const events = await facade.listEvents(ctx, id);
    expect(events.map((e) => [e.type, e.outcome, e.location])).toEqual([
      [PremisEventType.MessageDigestCalculation, 'success', 'primary'],
      [PremisEventType.Replication, 'success', 'secondary'],
    ]);

    const listed = await facade.listFiles(ctx, id);
    expect(listed.map((f) => f.logicalPath)).toEqual(files.map((f) => f.logicalPath).sort());
    const scan = files.find((f) => f.logicalPath.endsWith('scan.tif'))!;
    const data = readFileSync(scan.sourcePath);
    expect(listed.find((f) => f.logicalPath === scan.logicalPath)).toEqual({ logicalPath: scan.logicalPath, size: data.length, digest: sha512(data) });
    expect((await read(await facade.openFile(ctx, id, scan.logicalPath))).equals(data)).toBe(true);
  });

  it('reads several files with one lookup, each checked against its digest while it streams', async () => {
    const id = newId();
    const files = sourceFiles(join(storageRoot, 'src', 'many'));
    await facade.storeObject(ctx, { objectId: id, files, message: 'ingest', agent: { name: 'ingest', address: 'urn:samarkiv:test' } });
    const paths = files.map((f) => f.logicalPath).sort();
    const got = new Map<string, Buffer>();
    for await (const { logicalPath, stream } of facade.openFiles(ctx, id, paths)) got.set(logicalPath, await read(stream));
    for (const f of files) expect(got.get(f.logicalPath)!.equals(readFileSync(f.sourcePath))).toBe(true);
    // Damage one content file in the first copy: its read fails instead of serving other bytes.
    const store = await location('primary');
    const root = join(storageRoot, 'archive', 'primary', store.objectRoot(tenantId, id));
    const inventory = JSON.parse(readFileSync(join(root, 'inventory.json'), 'utf8')) as { manifest: Record<string, string[]>; versions: { v1: { state: Record<string, string[]> } } };
    const [digest] = Object.entries(inventory.versions.v1.state).find(([, ps]) => ps.includes(paths[0]))!;
    const content = join(root, inventory.manifest[digest][0]);
    const bytes = readFileSync(content);
    bytes[0] ^= 0xff;
    writeFileSync(content, bytes);
    const reads = facade.openFiles(ctx, id, [paths[0]])[Symbol.asyncIterator]();
    const { value } = await reads.next();
    await expect(read((value as { stream: Readable }).stream)).rejects.toThrow();
    await expect(facade.openFiles(ctx, id, ['no/such/file'])[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'PRESERVATION_FILE_NOT_FOUND' });
  });

  it('is idempotent for the same content and refuses different content under the same id', async () => {
    const id = newId();
    const files = sourceFiles(join(storageRoot, 'src', 'b'), 3);
    const first = await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    const again = await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    expect(again).toEqual(first);
    const other = sourceFiles(join(storageRoot, 'src', 'b2'), 3);
    await expect(facade.storeObject(ctx, { objectId: id, files: other, message: 'ingest' })).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_EXISTS' });
  });

  it('accepts streams and caller-supplied digests', async () => {
    const id = newId();
    const body = Buffer.from('<mets/>');
    const stored = await facade.storeObject(ctx, {
      objectId: id,
      files: [{ logicalPath: 'METS.xml', stream: Readable.from([body]), digests: { 'SHA-512': sha512(body) } }],
      message: 'ingest',
    });
    expect(stored.totalBytes).toBe(body.length);
    expect((await read(await facade.openFile(ctx, id, 'METS.xml'))).toString()).toBe('<mets/>');
  });

  it('keeps tenants apart: another tenant\'s object id is not found, a bad id is invalid', async () => {
    const id = newId();
    await facade.storeObject(ctx, { objectId: id, files: sourceFiles(join(storageRoot, 'src', 'c'), 1), message: 'ingest' });
    const { ctx: otherCtx } = await newTenant(app);
    await expect(facade.listFiles(otherCtx, id)).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_NOT_FOUND' });
    await expect(facade.openFile(otherCtx, id, 'representations/rep1/data/r0.xml')).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_NOT_FOUND' });
    await expect(facade.storeObject(otherCtx, { objectId: id, files: [], message: 'x' })).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_NOT_FOUND' });
    await expect(facade.storeObject(ctx, { objectId: 'not-an-id', files: [], message: 'x' })).rejects.toMatchObject({ code: 'PRESERVATION_INVALID_OBJECT_ID' });
  });

  it('cleans up an earlier attempt that never finished and writes the object anew', async () => {
    const id = newId();
    // A crashed attempt: catalogued as 'storing', a complete copy with other content in primary
    // and half a transaction in secondary's staging area.
    await ds.query(`INSERT INTO preservation_object (tenant_id, object_id, status) VALUES ($1, $2, 'storing')`, [tenantId, id]);
    const primary = await location('primary');
    await primary.createObject(tenantId, id, sourceFiles(join(storageRoot, 'src', 'd-old'), 2), { created: new Date(), message: 'old', user: { name: 'x' } });
    const files = sourceFiles(join(storageRoot, 'src', 'd'), 2);
    const stored = await facade.storeObject(ctx, { objectId: id, files, message: 'retry' });
    expect(stored.copies).toHaveLength(2);
    for (const name of ['primary', 'secondary'] as const) {
      const store = await location(name);
      const inv = await store.inventory(tenantId, id);
      expect(inv.versions.v1.message).toBe('retry');
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
    }
  });

  it('refuses to overwrite an uncatalogued object found in storage (only a rebuild may claim it)', async () => {
    const id = newId();
    const secondary = await location('secondary');
    await secondary.createObject(tenantId, id, sourceFiles(join(storageRoot, 'src', 'e'), 1), { created: new Date(), message: 'before the database was lost', user: { name: 'x' } });
    await expect(facade.storeObject(ctx, { objectId: id, files: sourceFiles(join(storageRoot, 'src', 'e2'), 1), message: 'x' })).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_EXISTS' });
    expect((await secondary.inventory(tenantId, id)).versions.v1.message).toBe('before the database was lost');
  });

  it('adds versions to every copy; only the new content travels', async () => {
    const id = newId();
    const files = sourceFiles(join(storageRoot, 'src', 'f'), 2);
    await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    const updated = await facade.addVersion(ctx, id, { add: [{ logicalPath: 'metadata/other/records.jsonl', stream: Readable.from([Buffer.from('{"recordId":"1"}\n')]) }], remove: ['representations/rep1/data/r0.xml'] }, 'records added');
    expect(updated).toMatchObject({ version: 'v2', fileCount: files.length });
    for (const name of ['primary', 'secondary'] as const) {
      const store = await location(name);
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
      expect((await store.inventory(tenantId, id)).head).toBe('v2');
    }
    expect((await read(await facade.openFile(ctx, id, 'metadata/other/records.jsonl'))).toString()).toBe('{"recordId":"1"}\n');
    expect((await read(await facade.openFile(ctx, id, 'representations/rep1/data/r0.xml', { version: 'v1' }))).length).toBeGreaterThan(0);
    await expect(facade.openFile(ctx, id, 'representations/rep1/data/r0.xml')).rejects.toMatchObject({ code: 'PRESERVATION_FILE_NOT_FOUND' });
  });

  it('rolls back a version written to one copy but never catalogued before adding the next', async () => {
    const id = newId();
    await facade.storeObject(ctx, { objectId: id, files: sourceFiles(join(storageRoot, 'src', 'g'), 1), message: 'ingest' });
    const primary = await location('primary');
    await primary.addVersion(tenantId, id, { add: [{ logicalPath: 'stray.txt', stream: Readable.from([Buffer.from('interrupted')]) }] }, { created: new Date(), message: 'crashed', user: { name: 'x' } });
    const updated = await facade.addVersion(ctx, id, { add: [{ logicalPath: 'next.txt', stream: Readable.from([Buffer.from('next')]) }] }, 'next');
    expect(updated.version).toBe('v2');
    for (const name of ['primary', 'secondary'] as const) {
      const store = await location(name);
      const inv = await store.inventory(tenantId, id);
      expect(inv.versions.v2.message).toBe('next');
      expect(JSON.stringify(inv)).not.toContain('stray.txt');
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
    }
  });

  it('lists the tenant\'s objects from storage itself, per location', async () => {
    const { tenantId: t2, ctx: ctx2 } = await newTenant(app);
    const ids = [objectId(t2, 'aip', randomUUID()), objectId(t2, 'aip', randomUUID())];
    for (const id of ids) await facade.storeObject(ctx2, { objectId: id, files: sourceFiles(join(storageRoot, 'src', id.slice(-8)), 1), message: 'ingest' });
    const listed: string[] = [];
    for await (const id of facade.listObjects(ctx2, 'secondary')) listed.push(id);
    expect(listed.sort()).toEqual([...ids].sort());
  });
});
