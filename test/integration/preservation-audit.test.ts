import { INestApplicationContext } from '@nestjs/common';
import { objectId } from '@samarkiv/storage';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/platform/context';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { FixityAuditService } from '../../src/preservation/application/fixity-audit.service';
import { StorageLocations } from '../../src/preservation/infrastructure/storage-locations';
import { bootCli, newTenant, operator, sourceFiles } from '../support/preservation-fixtures';
import { useTestEnvironment } from '../support/test-env';

type Damage = (contentFile: string, objectRoot: string) => void;

describe('preservation: fixity audits detect, report and repair damaged copies', () => {
  let app: INestApplicationContext;
  let ds: DataSource;
  let facade: PreservationFacade;
  let storageRoot: string;
  let tenantId: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    // Unthrottled slices that cover everything: the tests control what is due.
    ({ storageRoot } = useTestEnvironment({ STORAGE_AUDIT_CYCLE_DAYS: '1', STORAGE_AUDIT_INTERVAL_MINUTES: '1440' }));
    ({ app, ds } = await bootCli());
    facade = app.get(PreservationFacade);
    ({ tenantId, ctx } = await newTenant(app));
  });
  afterAll(async () => app?.close());

  async function storeOne(dirName: string): Promise<{ id: string; root: (loc: string) => string; scanPath: (loc: string) => string; scan: Buffer }> {
    const id = objectId(tenantId, 'aip', randomUUID());
    const files = sourceFiles(join(storageRoot, 'src', dirName), 2);
    await facade.storeObject(ctx, { objectId: id, files, message: 'ingest' });
    const locations = app.get(StorageLocations);
    const roots = new Map<string, string>();
    for (const name of ['primary', 'secondary']) {
      const { store } = await locations.get(name);
      roots.set(name, join(storageRoot, 'archive', name, store.objectRoot(tenantId, id)));
    }
    const root = (loc: string) => roots.get(loc) as string;
    return { id, root, scanPath: (loc) => join(root(loc), 'v1/content/representations/rep1/data/scan.tif'), scan: readFileSync(files[files.length - 1].sourcePath) };
  }

  /** Only this object's copies are due: everything else counts as just audited. */
  async function onlyDue(id: string): Promise<void> {
    await ds.query(`UPDATE stored_copy SET audited_at = now() + interval '1 hour'`);
    await ds.query(`UPDATE stored_copy SET audited_at = NULL WHERE object_id = $1`, [id]);
  }

  const damages: Array<[string, Damage, string]> = [
    ['a changed byte', (f) => {
      const b = readFileSync(f);
      b[1000] ^= 0xff;
      writeFileSync(f, b);
    }, 'changed'],
    ['a truncated file', (f) => truncateSync(f, 100), 'truncated'],
    ['a deleted file', (f) => unlinkSync(f), 'missing'],
    ['a whole copy deleted', (_f, root) => rmSync(root, { recursive: true }), 'missing'],
  ];

  it.each(damages)('%s in one copy is found by the scheduled audit, reported and repaired from the other', async (_name, damage, kind) => {
    const o = await storeOne(randomUUID().slice(0, 8));
    damage(o.scanPath('secondary'), o.root('secondary'));
    await onlyDue(o.id);
    const audits = app.get(FixityAuditService);
    const primary = await audits.run(operator, 'primary', { trigger: 'schedule', repair: true, bytesPerSecond: 0 });
    expect(primary.failures).toEqual([]);
    const run = await audits.run(operator, 'secondary', { trigger: 'schedule', repair: true, bytesPerSecond: 0 });
    expect(run.failures).toEqual([{ tenantId, objectId: o.id, kinds: [kind], files: 1, outcome: 'repaired' }]);
    expect(run).toMatchObject({ objectsChecked: 1, objectsFailed: 1, objectsRepaired: 1, objectsDamaged: 0 });
    expect(readFileSync(o.scanPath('secondary')).equals(o.scan)).toBe(true);

    const events = await facade.listEvents(ctx, o.id);
    const fixity = events.filter((e) => e.type === 'fixity check');
    expect(fixity.map((e) => [e.location, e.outcome])).toEqual([
      ['primary', 'success'],
      ['secondary', 'failure'],
    ]);
    const replication = events.filter((e) => e.type === 'replication' && (e.outcomeDetail as { repair?: boolean } | null)?.repair);
    expect(replication.map((e) => [e.location, e.outcome])).toEqual([['secondary', 'success']]);

    const [report] = await facade.auditRuns(operator, { location: 'secondary', limit: 1 });
    expect(report).toMatchObject({ id: run.runId, status: 'completed', trigger: 'schedule', objectsFailed: 1, objectsRepaired: 1 });
    expect(report.findings).toEqual([expect.objectContaining({ tenantId, objectId: o.id, kinds: [kind], outcome: 'repaired' })]);
    // The report names objects and kinds only, never paths or content.
    expect(JSON.stringify(report)).not.toContain('scan.tif');
    const [copy] = (await ds.query(`SELECT status FROM stored_copy WHERE object_id = $1 AND location = 'secondary'`, [o.id])) as Array<{ status: string }>;
    expect(copy.status).toBe('verified');
  });

  it('marks an object damaged, with an error alert, when no intact copy is left', async () => {
    const o = await storeOne('damaged');
    for (const loc of ['primary', 'secondary']) truncateSync(o.scanPath(loc), 10);
    await onlyDue(o.id);
    const errors: unknown[] = [];
    const logger = (app.get(FixityAuditService) as unknown as { repairs: { logger: { error: (...a: unknown[]) => void } } }).repairs.logger;
    const original = logger.error.bind(logger);
    logger.error = (...a: unknown[]) => void errors.push(a[0]);
    try {
      const run = await app.get(FixityAuditService).run(operator, 'primary', { trigger: 'schedule', repair: true, bytesPerSecond: 0 });
      expect(run.failures).toEqual([{ tenantId, objectId: o.id, kinds: ['truncated'], files: 1, outcome: 'damaged' }]);
    } finally {
      logger.error = original;
    }
    expect(errors).toContainEqual(expect.objectContaining({ alert: 'preservation.object-damaged', objectId: o.id }));
    const [row] = (await ds.query(`SELECT status FROM preservation_object WHERE object_id = $1`, [o.id])) as Array<{ status: string }>;
    expect(row.status).toBe('damaged');
    await expect(facade.openFile(ctx, o.id, 'representations/rep1/data/scan.tif')).rejects.toMatchObject({ code: 'PRESERVATION_OBJECT_DAMAGED' });
    const repair = await facade.repairStorage(operator, { tenantId });
    expect(repair.ok).toBe(false);
    expect(repair.damaged).toEqual([{ tenantId, objectId: o.id, locations: [{ location: 'primary', findings: ['truncated'] }, { location: 'secondary', findings: ['truncated'] }] }]);
    // Put the content back (e.g. from a backup tape): the next repair finds it intact again.
    for (const loc of ['primary', 'secondary']) writeFileSync(o.scanPath(loc), o.scan);
    expect((await facade.repairStorage(operator, { tenantId })).ok).toBe(true);
    expect(((await ds.query(`SELECT status FROM preservation_object WHERE object_id = $1`, [o.id])) as Array<{ status: string }>)[0].status).toBe('stored');
  });

  it('storage verify reports without repairing; storage repair then restores', async () => {
    const o = await storeOne('verify');
    const b = readFileSync(o.scanPath('primary'));
    b[5] ^= 1;
    writeFileSync(o.scanPath('primary'), b);
    const verify = await facade.verifyStorage(operator, { tenantId });
    expect(verify.ok).toBe(false);
    const failures = verify.runs.flatMap((r) => r.failures.map((f) => ({ location: r.location, ...f })));
    expect(failures).toEqual([{ location: 'primary', tenantId, objectId: o.id, kinds: ['changed'], files: 1, outcome: 'unrepaired' }]);
    expect(readFileSync(o.scanPath('primary')).equals(o.scan)).toBe(false);
    const repair = await facade.repairStorage(operator, { tenantId });
    expect(repair.repaired).toEqual([{ tenantId, objectId: o.id, repaired: ['primary'] }]);
    expect(readFileSync(o.scanPath('primary')).equals(o.scan)).toBe(true);
    expect((await facade.verifyStorage(operator, { tenantId, location: 'primary' })).ok).toBe(true);
  });

  it('a wiped location is re-declared and refilled by repair', async () => {
    const o = await storeOne('wiped');
    const secondary = join(storageRoot, 'archive', 'secondary');
    for (const name of readdirSync(secondary)) rmSync(join(secondary, name), { recursive: true, force: true });
    const verify = await facade.verifyStorage(operator, { location: 'secondary' });
    expect(verify.ok).toBe(false);
    expect(verify.runs[0].failures.map((f) => f.kinds)).toContainEqual(['missing']);
    const repair = await facade.repairStorage(operator);
    expect(repair.ok).toBe(true);
    expect(repair.repaired).toContainEqual({ tenantId, objectId: o.id, repaired: ['secondary'] });
    expect(readFileSync(o.scanPath('secondary')).equals(o.scan)).toBe(true);
    expect(readFileSync(join(secondary, '0=ocfl_1.1'), 'utf8')).toBe('ocfl_1.1\n');
  });

  it('resumes an interrupted run from the persisted cursor', async () => {
    const o = await storeOne('resume');
    await onlyDue(o.id);
    const [{ id: runId }] = (await ds.query(`INSERT INTO fixity_audit_run (location, trigger, status, objects_checked) VALUES ('primary', 'schedule', 'running', 7) RETURNING id`)) as Array<{ id: string }>;
    const { store } = await app.get(StorageLocations).get('primary');
    const inv = await store.inventory(tenantId, o.id);
    const paths = Object.values(inv.manifest).flat().sort();
    await ds.query(`UPDATE fixity_audit_cursor SET run_id = $1, object_tenant_id = $2, object_id = $3, object_cursor = $4, lease_owner = 'dead-worker', lease_until = now() - interval '1 second' WHERE location = 'primary'`, [
      runId,
      tenantId,
      o.id,
      JSON.stringify({ objectId: o.id, head: inv.head, after: paths[0] }),
    ]);
    const run = await app.get(FixityAuditService).run(operator, 'primary', { trigger: 'schedule', repair: true, bytesPerSecond: 0 });
    expect(run.runId).toBe(runId);
    expect(run.objectsChecked).toBe(8);
    expect(run.filesChecked).toBe(paths.length - 1);
    const cursor = (await ds.query(`SELECT run_id, lease_owner FROM fixity_audit_cursor WHERE location = 'primary'`)) as unknown[];
    expect(cursor).toEqual([{ run_id: null, lease_owner: null }]);
  });

  it('skips a location whose audit lease another live process holds, and throttles reads', async () => {
    await ds.query(`UPDATE fixity_audit_cursor SET lease_owner = 'other', lease_until = now() + interval '1 minute' WHERE location = 'secondary'`);
    const busy = await app.get(FixityAuditService).run(operator, 'secondary', { trigger: 'schedule', repair: true });
    expect(busy.skipped).toBe('location busy');
    await ds.query(`UPDATE fixity_audit_cursor SET lease_owner = NULL, lease_until = NULL WHERE location = 'secondary'`);

    const o = await storeOne('throttle');
    await onlyDue(o.id);
    const rate = 1024 * 1024;
    const t0 = Date.now();
    const run = await app.get(FixityAuditService).run(operator, 'secondary', { trigger: 'manual', repair: false, bytesPerSecond: rate });
    const seconds = (Date.now() - t0) / 1000;
    // A burst of one second's share, then the rest at the rate.
    expect(seconds).toBeGreaterThanOrEqual((run.bytesChecked - rate) / rate - 0.2);
    expect(run.bytesChecked).toBeGreaterThan(3 * rate);
  });
});
