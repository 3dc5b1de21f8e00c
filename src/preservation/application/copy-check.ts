import { Finding, FindingKind, inventoryDigest, validateOcflObject } from '@samarkiv/storage';
import { StorageLocation } from '../infrastructure/storage-locations';

export interface CopyCheck {
  location: string;
  ok: boolean;
  /** Finding kinds and how many files each concerns; no paths (file names may carry personal data). */
  kinds: FindingKind[];
  files: number;
}

/**
 * Full check of one copy against the catalogue: OCFL structure, every content digest, sizes,
 * and the root inventory equal to the catalogued one (so an inventory rewritten to match altered
 * content is caught too).
 */
export async function checkCopy(location: StorageLocation, tenantId: string, objectId: string, expected: { inventoryDigest: string | null; sizes: Map<string, number> }, full = true): Promise<CopyCheck> {
  const report = await validateOcflObject(location.store.backend, location.store.objectRoot(tenantId, objectId), { expectedId: objectId, checkDigests: full, expectedSizes: expected.sizes });
  const findings: Finding[] = [...report.findings];
  if (report.inventory && expected.inventoryDigest && (await inventoryDigest(location.store, tenantId, objectId)) !== expected.inventoryDigest) {
    findings.push({ kind: 'changed', path: 'inventory.json', message: 'inventory differs from the catalogue' });
  }
  return summarize(location.name, findings);
}

export function summarize(location: string, findings: Finding[]): CopyCheck {
  return { location, ok: findings.length === 0, kinds: [...new Set(findings.map((f) => f.kind))].sort(), files: new Set(findings.map((f) => f.path)).size };
}
