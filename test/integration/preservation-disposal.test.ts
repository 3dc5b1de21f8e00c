import { objectId } from '@samarkiv/storage';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StorageLocations } from '../../src/preservation/infrastructure/storage-locations';
import { operator, sourceFiles, usePreservationSuite } from '../support/preservation-fixtures';

/** Every byte below a folder, to prove destroyed content is gone from every copy. */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else parts.push(readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(parts);
}

describe('preservation: destroying content and cataloguing objects from storage', () => {
  const suite = usePreservationSuite();
  const order = { reason: 'journalförstöring', decisionReference: 'IVO 3.1-12345/2026' };

  it('removes a file from every version and every copy, keeps a tombstone and a deletion event', async () => {
    const { app, facade, storageRoot, tenantId, ctx } = suite;
    const id = objectId(tenantId, 'aip', randomUUID());
    const files = sourceFiles(join(storageRoot, 'src', 'destroy'), 3);
    await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    await facade.addVersion(ctx, id, { add: [{ logicalPath: 'metadata/extra.xml', sourcePath: files[1].sourcePath }] }, 'v2');
    const doomed = files[0];
    const secret = readFileSync(doomed.sourcePath);
    const result = await facade.destroyContent(ctx, id, [doomed.logicalPath], order);
    expect(result).toMatchObject({ version: 'v3', destroyedFiles: 1, locations: ['primary', 'secondary'] });
    for (const name of ['primary', 'secondary']) {
      const { store } = await app.get(StorageLocations).get(name);
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
      const inv = await store.inventory(tenantId, id);
      for (const v of Object.values(inv.versions)) expect(Object.values(v.state).flat()).not.toContain(doomed.logicalPath);
      expect(allBytes(join(storageRoot, 'archive', name)).includes(secret)).toBe(false);
    }
    expect((await facade.listFiles(ctx, id)).map((f) => f.logicalPath)).not.toContain(doomed.logicalPath);
    await expect(facade.openFile(ctx, id, doomed.logicalPath, { version: 'v1' })).rejects.toMatchObject({ code: 'PRESERVATION_FILE_NOT_FOUND' });
    const [tomb] = await facade.listTombstones(ctx, id);
    expect(tomb).toMatchObject({ status: 'done', wholeObject: false, logicalPaths: [doomed.logicalPath], reason: order.reason, decisionReference: order.decisionReference });
    expect((await facade.listEvents(ctx, id)).filter((e) => e.type === 'deletion')).toHaveLength(1);
    // The catalogue agrees with storage: a full verify finds nothing.
    expect((await facade.verifyStorage(operator, { tenantId })).ok).toBe(true);
  });

  it('destroys a whole object in every location; the tombstone stays', async () => {
    const { app, facade, storageRoot, tenantId, ctx } = suite;
    const id = objectId(tenantId, 'aip', randomUUID());
    await facade.storeObject(ctx, { objectId: id, files: sourceFiles(join(storageRoot, 'src', 'whole'), 1), message: 'ingest' });
    const result = await facade.destroyObject(ctx, id, { reason: 'gallring', decisionReference: 'RS 2026/17' });
    expect(result).toMatchObject({ version: null, locations: ['primary', 'secondary'] });
    for (const name of ['primary', 'secondary']) {
      const { store } = await app.get(StorageLocations).get(name);
      expect(await store.exists(tenantId, id)).toBe(false);
    }
    await expect(facade.getObject(ctx, id)).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_NOT_FOUND' });
    expect((await facade.listTombstones(ctx, id))[0]).toMatchObject({ wholeObject: true, status: 'done', reason: 'gallring' });
    expect((await facade.listEvents(ctx, id)).map((e) => e.type)).toContain('deletion');
  });

  it('catalogues an object from storage alone (rebuild), marking missing copies for repair', async () => {
    const { app, ds, facade, storageRoot, tenantId, ctx } = suite;
    const id = objectId(tenantId, 'aip', randomUUID());
    const stored = await facade.storeObject(ctx, { objectId: id, files: sourceFiles(join(storageRoot, 'src', 'rebuild'), 2), message: 'ingest' });
    // The database forgets it, and the secondary copy is lost as well.
    await ds.query(`DELETE FROM preservation_object WHERE object_id = $1`, [id]);
    const { store } = await app.get(StorageLocations).get('secondary');
    rmSync(join(storageRoot, 'archive', 'secondary', store.objectRoot(tenantId, id)), { recursive: true });
    const found: string[] = [];
    for await (const o of facade.listObjects(ctx, 'primary')) found.push(o);
    expect(found).toContain(id);
    const registered = await facade.registerFromStorage(ctx, id);
    expect(registered).toMatchObject({ objectId: id, version: 'v1', fileCount: stored.fileCount, totalBytes: stored.totalBytes });
    expect(registered.copies.map((c) => c.location)).toEqual(['primary']);
    const repair = await facade.repairStorage(operator, { tenantId });
    expect(repair.repaired).toContainEqual({ tenantId, objectId: id, repaired: ['secondary'] });
    expect((await facade.getObject(ctx, id)).copies.map((c) => c.location)).toEqual(['primary', 'secondary']);
  });
});
