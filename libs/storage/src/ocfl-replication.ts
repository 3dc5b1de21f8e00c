import { createHash } from 'node:crypto';
import { INVENTORY_FILE, OBJECT_NAMASTE, OBJECT_NAMASTE_CONTENT, sidecarName } from './ocfl.constants';
import { OcflInventory, versionName, versionNumber } from './ocfl-inventory';
import { OcflStore } from './ocfl.store';
import { ObjectTransaction } from './storage.backend';
import { notFound, StorageError, StorageErrorCode } from './storage.errors';

/**
 * SHA-512 of an object's root inventory as stored: two copies of an object are the same object
 * when these agree (the inventory names every content digest).
 */
export async function inventoryDigest(store: OcflStore, tenantId: string, id: string): Promise<string | undefined> {
  const bytes = await store.backend.getBytes(`${store.objectRoot(tenantId, id)}/${INVENTORY_FILE}`);
  return bytes ? createHash('sha512').update(bytes).digest('hex') : undefined;
}

/**
 * Replicates the head version of an object into a copy that holds the version before it: only
 * the new version's content travels, each file checked against its manifest digest while
 * streaming. Refuses when the target is not exactly at the previous version.
 */
export async function copyHeadVersionTo(source: OcflStore, target: OcflStore, tenantId: string, id: string): Promise<OcflInventory> {
  const inv = await source.inventory(tenantId, id);
  const n = versionNumber(inv.head);
  const root = source.objectRoot(tenantId, id);
  const targetRoot = target.objectRoot(tenantId, id);
  const previous = n > 1 ? await source.backend.getBytes(`${root}/${versionName(n - 1)}/${INVENTORY_FILE}`) : undefined;
  const current = await target.backend.getBytes(`${targetRoot}/${INVENTORY_FILE}`);
  if (!previous || !current || !previous.equals(current)) {
    throw new StorageError(StorageErrorCode.Corrupt, `target copy is not at ${versionName(n - 1)} of the source`);
  }
  const sidecar = sidecarName(inv.digestAlgorithm);
  const prefix = `${inv.head}/`;
  const tx = await target.backend.begin(targetRoot, { mode: 'update', finalKeys: [sidecar, INVENTORY_FILE], newPrefix: prefix });
  try {
    for (const [digest, paths] of Object.entries(inv.manifest)) {
      for (const p of paths) {
        if (!p.startsWith(prefix)) continue;
        await tx.putStream(p, await source.backend.getStream(`${root}/${p}`), { algorithm: inv.digestAlgorithm, expectedDigest: digest });
      }
    }
    await copyInventoryFiles(source, tx, `${root}/${prefix}`, prefix, sidecar);
    await copyInventoryFiles(source, tx, `${root}/`, '', sidecar);
    await tx.commit();
  } catch (e) {
    await tx.abort();
    throw e;
  }
  return inv;
}

/**
 * Returns an object to an earlier version by dropping the later ones: only for versions that
 * were written but never recorded as stored (a write interrupted between copies). Content of the
 * kept versions stays untouched (hard links on filesystems).
 */
export async function rollBackTo(store: OcflStore, tenantId: string, id: string, version: string): Promise<void> {
  const root = store.objectRoot(tenantId, id);
  const current = await store.inventory(tenantId, id);
  const k = versionNumber(version);
  if (!(k >= 1) || k >= versionNumber(current.head)) throw notFound('version');
  const sidecar = sidecarName(current.digestAlgorithm);
  const bytes = await store.backend.getBytes(`${root}/${version}/${INVENTORY_FILE}`);
  const sidecarBytes = await store.backend.getBytes(`${root}/${version}/${sidecar}`);
  if (!bytes || !sidecarBytes) throw new StorageError(StorageErrorCode.Corrupt, `${version} inventory missing`);
  const older = JSON.parse(bytes.toString('utf8')) as OcflInventory;
  const tx = await store.backend.begin(root, { mode: 'replace', finalKeys: [sidecar, INVENTORY_FILE] });
  try {
    await tx.putBytes(OBJECT_NAMASTE, Buffer.from(OBJECT_NAMASTE_CONTENT, 'utf8'));
    for (const p of Object.values(older.manifest).flat()) await tx.keep(p);
    for (let i = 1; i <= k; i++) for (const name of [INVENTORY_FILE, sidecar]) await tx.keep(`${versionName(i)}/${name}`);
    await tx.putBytes(sidecar, sidecarBytes);
    await tx.putBytes(INVENTORY_FILE, bytes);
    await tx.commit();
  } catch (e) {
    await tx.abort();
    throw e;
  }
}

async function copyInventoryFiles(source: OcflStore, tx: ObjectTransaction, from: string, to: string, sidecar: string): Promise<void> {
  for (const name of [sidecar, INVENTORY_FILE]) {
    const bytes = await source.backend.getBytes(`${from}${name}`);
    if (!bytes) throw new StorageError(StorageErrorCode.Corrupt, `source object lacks ${to}${name}`);
    await tx.putBytes(`${to}${name}`, bytes);
  }
}
