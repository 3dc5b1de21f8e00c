import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStorageBackend } from './fs-storage.backend';
import { OcflInventory, serializeInventory } from './ocfl-inventory';
import { OcflStore } from './ocfl.store';
import { objectId } from './ocfl-object-id';
import { validateOcflObject } from './ocfl.validator';
import { META } from './testing/ocfl-store.suite';

describe('validateOcflObject', () => {
  let base: string;
  let store: OcflStore;
  let root: string;
  const id = objectId('region-a', 'aip', 'validator');

  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'ocfl-val-'));
    store = await OcflStore.open(new FsStorageBackend(join(base, 'root')));
    writeFileSync(join(base, 'a'), 'a');
    writeFileSync(join(base, 'b'), 'b');
    await store.createObject('region-a', id, [{ logicalPath: 'a.txt', sourcePath: join(base, 'a') }], META);
    await store.addVersion('region-a', id, { add: [{ logicalPath: 'b.txt', sourcePath: join(base, 'b') }] }, META);
    root = (store.backend as FsStorageBackend).abs(store.objectRoot('region-a', id));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const validate = () => validateOcflObject(store.backend, store.objectRoot('region-a', id), { expectedId: id });
  const messages = async () => (await validate()).findings.map((f) => `${f.kind} ${f.path}: ${f.message}`);

  /** Rewrites the root inventory (and its sidecar, so only the intended rule breaks). */
  function rewriteRoot(change: (inv: OcflInventory) => void): void {
    const inv = JSON.parse(readFileSync(join(root, 'inventory.json'), 'utf8')) as OcflInventory;
    change(inv);
    const s = serializeInventory(inv);
    writeFileSync(join(root, 'inventory.json'), s.json);
    writeFileSync(join(root, 'inventory.json.sha512'), s.sidecar);
  }

  it('accepts our objects, with every version inventory in place', async () => {
    expect(await messages()).toEqual([]);
    expect(readFileSync(join(root, 'v2/inventory.json'))).toEqual(readFileSync(join(root, 'inventory.json')));
    expect(readFileSync(join(root, 'inventory.json.sha512'), 'utf8')).toMatch(/^[0-9a-f]{128} inventory\.json\n$/);
    expect(readFileSync(join(root, '0=ocfl_object_1.1'), 'utf8')).toBe('ocfl_object_1.1\n');
    const v1 = JSON.parse(readFileSync(join(root, 'v1/inventory.json'), 'utf8')) as OcflInventory;
    expect(v1.head).toBe('v1');
    expect(Object.keys(v1.versions)).toEqual(['v1']);
  });

  it('finds a broken namaste', async () => {
    writeFileSync(join(root, '0=ocfl_object_1.1'), 'ocfl_object_1.0\n');
    expect(await messages()).toEqual(['changed 0=ocfl_object_1.1: object declaration has wrong content']);
  });

  it('finds a gap in the version sequence and a wrong head', async () => {
    rewriteRoot((inv) => {
      inv.versions.v3 = inv.versions.v2;
      delete inv.versions.v2;
      inv.head = 'v2';
    });
    const m = await messages();
    expect(m).toContain('structure inventory.json: version sequence has a gap at 2');
    expect(m).toContain('structure inventory.json: head must name the highest version');
  });

  it('finds a wrong type, id and digest algorithm', async () => {
    rewriteRoot((inv) => {
      inv.type = 'https://ocfl.io/1.0/spec/#inventory';
      inv.id = 'urn:samarkiv:region-b:aip:validator';
    });
    const m = await messages();
    expect(m).toContain('structure inventory.json: type must be https://ocfl.io/1.1/spec/#inventory');
    expect(m).toContain('structure inventory.json: inventory id differs from the object id');
  });

  it('finds a state digest that is not in the manifest and a head inventory that differs', async () => {
    rewriteRoot((inv) => {
      inv.versions.v2.state['0'.repeat(128)] = ['ghost.txt'];
    });
    const m = await messages();
    expect(m).toContain('structure inventory.json: v2.state digest is not in the manifest');
  });

  it('finds a version inventory that disagrees with the root', async () => {
    rewriteRoot((inv) => {
      inv.versions.v1.message = 'rewritten history';
      inv.versions.v1.state = {};
    });
    const m = await messages();
    expect(m).toContain('structure v2/inventory.json: head version inventory differs from the root inventory');
    expect(m).toContain('structure v1/inventory.json: version v1 state differs from the root inventory');
  });

  it('finds a missing version inventory and an unreferenced directory', async () => {
    renameSync(join(root, 'v1/inventory.json'), join(root, 'v1/inventory.old'));
    const m = await messages();
    expect(m).toContain('missing v1/inventory.json: inventory missing');
    const size = readFileSync(join(root, 'v1/inventory.old')).length;
    expect(m).toContain(`extra v1/inventory.old: file not referenced by the inventory (${size} bytes)`);
  });
});
