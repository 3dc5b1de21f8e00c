import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStorageBackend, STAGING_DIR } from './fs-storage.backend';
import { OcflStore } from './ocfl.store';
import { objectId } from './ocfl-object-id';

const BOOTSTRAP = join(__dirname, '..', '..', '..', 'test', 'support', 'ts-child.bootstrap.js');
const CHILD = join(__dirname, 'testing', 'crash-writer.child.ts');
const ID = objectId('region-a', 'aip', 'crash-0001');

/** Runs the writer; kills it after `delayMs` (or lets it kill itself before rename n). */
function runChild(root: string, scenario: string, killBeforeRename: number, delayMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = fork(BOOTSTRAP, [CHILD, root, scenario, String(killBeforeRename), ID], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let done = false;
    child.on('message', (m) => {
      if (m === 'done') done = true;
      if (m === 'started' && delayMs !== undefined) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(done ? 'completed' : `killed ${signal ?? ''}`));
  });
}

describe('crash safety of the filesystem backend', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'ocfl-crash-'));
    root = join(base, 'root');
    await OcflStore.open(new FsStorageBackend(root));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /**
   * Before recovery: no object file at all, or an object whose inventory names only present,
   * intact content. Tolerated until recover(): a finished version directory not yet in the
   * inventory ('extra') and the root sidecar lagging the inventory by one rename.
   */
  async function assertNoPartialObject(expectComplete?: boolean): Promise<OcflStore> {
    const store = await OcflStore.open(new FsStorageBackend(root));
    if (await store.exists('region-a', ID)) {
      const report = await store.verifyObject('region-a', ID);
      const sidecarLag = (f: { kind: string; path: string }) => f.kind === 'changed' && f.path === 'inventory.json';
      expect(report.findings.filter((f) => f.kind !== 'extra' && !sidecarLag(f))).toEqual([]);
    } else {
      expect(expectComplete).not.toBe(true);
      const files: string[] = [];
      for await (const e of store.backend.list('')) files.push(e.key);
      expect(files.sort()).toEqual(['0=ocfl_1.1', 'extensions/0004-hashed-n-tuple-storage-layout/config.json', 'ocfl_layout.json']);
    }
    await store.recover();
    expect(readdirSync(join(root, STAGING_DIR))).toEqual([]);
    if (await store.exists('region-a', ID)) expect((await store.verifyObject('region-a', ID)).findings).toEqual([]);
    return store;
  }

  it.each([5, 40, 120, 300])('a create killed after %i ms leaves no object or a complete one', async (delay) => {
    const outcome = await runChild(root, 'create', -1, delay);
    expect(outcome).toMatch(/killed|completed/);
    await assertNoPartialObject();
  }, 30_000);

  it('a create killed before its rename is rolled forward from the journal', async () => {
    expect(await runChild(root, 'create', 1)).toBe('killed SIGKILL');
    expect(readdirSync(join(root, STAGING_DIR)).length).toBeGreaterThan(0);
    const store = await assertNoPartialObject();
    expect(await store.exists('region-a', ID)).toBe(true);
  }, 30_000);

  it('staging leftovers of an uncommitted write are removed by recover()', async () => {
    writeFileSync(join(root, STAGING_DIR, 'junk.tmp'), 'x');
    const store = await OcflStore.open(new FsStorageBackend(root));
    const report = await store.recover();
    expect(report.removed).toEqual([`${STAGING_DIR}/junk.tmp`]);
  });

  describe('on an existing object', () => {
    beforeEach(async () => {
      expect(await runChild(root, 'create', -1)).toBe('completed');
    }, 30_000);

    it.each([1, 2, 3])('an update killed before commit rename %i leaves v1 or v2, complete', async (n) => {
      expect(await runChild(root, 'update', n)).toBe('killed SIGKILL');
      const store = await assertNoPartialObject(true);
      expect((await store.inventory('region-a', ID)).head).toBe('v2');
    }, 30_000);

    it.each([1, 2])('a purge killed before commit rename %i is completed by recover()', async (n) => {
      expect(await runChild(root, 'purge', n)).toBe('killed SIGKILL');
      const store = await assertNoPartialObject();
      const inv = await store.inventory('region-a', ID);
      expect(inv.head).toBe('v2');
      expect(JSON.stringify(inv)).not.toContain('data/f1.xml"');
    }, 30_000);

    it.each([5, 60])('an update killed after %i ms keeps the object readable', async (delay) => {
      await runChild(root, 'update', -1, delay);
      await assertNoPartialObject(true);
    }, 30_000);
  });
});
