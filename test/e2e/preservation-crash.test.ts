import { INestApplicationContext } from '@nestjs/common';
import { objectId } from '@samarkiv/storage';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/platform/context';
import { FixityAuditService } from '../../src/preservation/application/fixity-audit.service';
import { StorageLocations } from '../../src/preservation/infrastructure/storage-locations';
import { PreservationFacade } from '../../src/preservation/preservation.facade';
import { repoRoot } from '../support/shared-dir';
import { bootCli, newTenant, operator } from '../support/preservation-fixtures';
import { useTestEnvironment } from '../support/test-env';

const CHILD = join(repoRoot(), 'dist', 'test', 'support', 'preservation-crash.child.js');

/** Runs the writer child (the built app); SIGKILLs it `delayMs` after the write started. */
function runChild(tenantId: string, id: string, src: string, delayMs: number): Promise<'completed' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [tenantId, id, src], { env: process.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let done = false;
    child.on('message', (m) => {
      if (m === 'done') done = true;
      if (m === 'started') setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', () => resolve(done ? 'completed' : 'killed'));
  });
}

/** kill -9 in the middle of storeObject: never a partial object, and the next attempt cleans up. */
describe('preservation: a writer killed mid-write', () => {
  jest.setTimeout(180_000);
  let app: INestApplicationContext;
  let ds: DataSource;
  let storageRoot: string;
  let tenantId: string;
  let ctx: RequestContext;
  let src: string;

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment());
    ({ app, ds } = await bootCli());
    ({ tenantId, ctx } = await newTenant(app, 'region-crash'));
    src = join(storageRoot, 'crash-src');
    mkdirSync(src, { recursive: true });
    for (let i = 0; i < 300; i++) writeFileSync(join(src, `f${String(i).padStart(3, '0')}.xml`), `<record n="${i}"/>`);
    const big = Buffer.alloc(96 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    writeFileSync(join(src, 'zz-big.bin'), big);
  });
  afterAll(async () => app?.close());

  it.each([150, 600, 1200, 2500])('killed %i ms into the write: no partial copy anywhere; a retry stores it cleanly', async (delay) => {
    const id = objectId(tenantId, 'aip', randomUUID());
    const outcome = await runChild(tenantId, id, src, delay);
    const [row] = (await ds.query(`SELECT status FROM preservation_object WHERE tenant_id = $1 AND object_id = $2`, [tenantId, id])) as Array<{ status: string }>;
    if (outcome === 'killed') expect(row?.status ?? 'absent').not.toBe('stored');
    const locations = app.get(StorageLocations);
    for (const name of ['primary', 'secondary']) {
      const { store } = await locations.get(name);
      // Readers see no object or a complete one, never a partial one.
      if (await store.exists(tenantId, id)) expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
    }

    const files = readdirSync(src).sort().map((name) => ({ logicalPath: `representations/rep1/data/${name}`, sourcePath: join(src, name) }));
    const stored = await app.get(PreservationFacade).storeObject(ctx, { objectId: id, files, message: 'crash test' });
    expect(stored.copies.map((c) => c.location)).toEqual(['primary', 'secondary']);
    for (const name of ['primary', 'secondary']) {
      const { store } = await locations.get(name);
      expect((await store.verifyObject(tenantId, id)).findings).toEqual([]);
      // The scheduled audit clears staging leftovers once no writer is active.
      await app.get(FixityAuditService).run(operator, name, { trigger: 'manual', repair: false, bytesPerSecond: 0 });
      expect(readdirSync(join(storageRoot, 'archive', name, '.staging'))).toEqual([]);
    }
  });
});
