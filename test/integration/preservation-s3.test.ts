import { INestApplicationContext } from '@nestjs/common';
import { objectId } from '@samarkiv/storage';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { StorageLocations } from '../../src/preservation/infrastructure/storage-locations';
import { bootCli, newTenant, sourceFiles, startS3 } from '../support/preservation-fixtures';
import { useTestEnvironment } from '../support/test-env';

const read = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

/** A filesystem location plus an S3 location over real HTTP (s3rver, or SAMARKIV_TEST_S3_ENDPOINT). */
describe('preservation: a filesystem and an S3 location', () => {
  let app: INestApplicationContext;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let storageRoot: string;

  beforeAll(async () => {
    s3 = await startS3();
    const { storageRoot: root } = useTestEnvironment();
    storageRoot = root;
    useTestEnvironment({ STORAGE_ROOT: root, STORAGE_LOCATIONS: `local=file://${join(root, 'local')},offsite=${s3.url}`, ...s3.env });
    ({ app } = await bootCli());
  });
  afterAll(async () => {
    await app?.close();
    await s3?.close();
  });

  it('stores verified copies in both, multipart for large files, and reads back from either', async () => {
    const { tenantId, ctx } = await newTenant(app);
    const facade = app.get(PreservationFacade);
    const id = objectId(tenantId, 'aip', randomUUID());
    const files = sourceFiles(join(storageRoot, 'src'), 3, 12 * 1024 * 1024 + 5);
    const stored = await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    expect(stored.copies.map((c) => c.location)).toEqual(['local', 'offsite']);
    const locations = app.get(StorageLocations);
    for (const name of ['local', 'offsite']) {
      const { store } = await locations.get(name);
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
    }
    const scan = files.find((f) => f.logicalPath.endsWith('scan.tif'))!;
    const fromS3 = await read(await facade.openFile(ctx, id, scan.logicalPath, { location: 'offsite' }));
    expect(fromS3.equals(readFileSync(scan.sourcePath))).toBe(true);
    const updated = await facade.addVersion(ctx, id, { add: [{ logicalPath: 'metadata/other/records.jsonl', stream: Readable.from([Buffer.from('{}\n')]) }] }, 'records');
    expect(updated.version).toBe('v2');
    const { store: offsite } = await locations.get('offsite');
    expect((await offsite.inventory(tenantId, id)).head).toBe('v2');
    expect((await offsite.verifyObject(tenantId, id)).findings).toEqual([]);
    const listed: string[] = [];
    for await (const o of facade.listObjects(ctx, 'offsite')) listed.push(o);
    expect(listed).toEqual([id]);
  });

  it('never shows credentials in the location description', () => {
    expect(app.get(StorageLocations).describe('offsite')).not.toContain('S3RVER');
  });
});
