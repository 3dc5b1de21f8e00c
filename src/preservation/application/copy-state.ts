import { inventoryDigest, logicalState, OcflInventory, validateOcflObject } from '@samarkiv/storage';
import { StoredState } from '../infrastructure/catalogue.repository';
import { StorageLocation } from '../infrastructure/storage-locations';
import { copyFailed } from '../preservation.errors';

/**
 * Checks freshly written copies: structure, every file present with its size (digests too when
 * there is a single copy, which no replication pass has re-read — except content hard-linked
 * from an adopted source, whose bytes were hashed as they were written and never copied), and the
 * same root inventory everywhere. Returns the inventory's digest.
 */
export async function verifyWrittenCopies(targets: StorageLocation[], tenantId: string, objectId: string, sizes: Map<string, number>, linked: ReadonlySet<string> = new Set()): Promise<string> {
  let digest: string | undefined;
  for (const t of targets) {
    const report = await validateOcflObject(t.store.backend, t.store.objectRoot(tenantId, objectId), { expectedId: objectId, checkDigests: targets.length === 1, expectedSizes: sizes, skipDigests: linked });
    const d = await inventoryDigest(t.store, tenantId, objectId);
    if (!report.valid || !d || (digest !== undefined && d !== digest)) {
      const kinds = [...new Set(report.findings.map((f) => f.kind))].join(', ') || 'inventory differs';
      throw copyFailed(objectId, t.name, `verification failed (${kinds})`);
    }
    digest = d;
  }
  return digest as string;
}

/** The catalogue's summary of an inventory: head, logical file count and bytes. */
export function stateOf(inv: OcflInventory, sizes: Map<string, number>, inventoryDigestValue: string): StoredState {
  const head = logicalState(inv);
  const digestSizes = new Map<string, number>();
  for (const [d, paths] of Object.entries(inv.manifest)) digestSizes.set(d, sizes.get(paths[0]) ?? 0);
  const totalBytes = [...head.values()].reduce((sum, d) => sum + (digestSizes.get(d) ?? 0), 0);
  return { head: inv.head, fileCount: head.size, totalBytes, inventoryDigest: inventoryDigestValue };
}
