import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { inventoryDigest, validateOcflObject } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { objectNotFound } from '../preservation.errors';
import { assertOwnObject } from './object-writer.service';

/** One copy's state, re-read from storage: the inventory digest and a full re-hash of every content file. */
export interface CopyFixity {
  location: string;
  head: string;
  inventoryDigest: string;
  valid: boolean;
  findings: string[];
  /** SHA-512 of each version's own inventory (vN/inventory.json): a later version leaves vN's untouched. */
  versionDigests: Record<string, string>;
}

/**
 * The fixity proof of every copy for a transfer of custody (destruction is the disposal
 * service's). Works on every configured location, not only the tenant's policy, so that no stray
 * copy is left out.
 */
@Injectable()
export class ObjectLifecycleService {
  constructor(private readonly locations: StorageLocations) {}

  async verifyCopies(ctx: RequestContext, objectId: string): Promise<CopyFixity[]> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    const result: CopyFixity[] = [];
    for (const t of await this.holding(tenantId, objectId)) {
      const report = await validateOcflObject(t.store.backend, t.store.objectRoot(tenantId, objectId), { expectedId: objectId });
      const digest = await inventoryDigest(t.store, tenantId, objectId);
      const versionDigests: Record<string, string> = {};
      for (const v of Object.keys(report.inventory?.versions ?? {})) {
        const bytes = await t.store.backend.getBytes(`${t.store.objectRoot(tenantId, objectId)}/${v}/inventory.json`);
        if (bytes) versionDigests[v] = createHash('sha512').update(bytes).digest('hex');
      }
      result.push({ location: t.name, head: report.inventory?.head ?? '', inventoryDigest: digest ?? '', valid: report.valid, findings: [...new Set(report.findings.map((f) => f.kind))], versionDigests });
    }
    if (result.length === 0) throw objectNotFound();
    return result;
  }

  /** Every configured location that holds the object (whatever the policy says now). */
  private async holding(tenantId: string, objectId: string): Promise<StorageLocation[]> {
    const result: StorageLocation[] = [];
    for (const name of this.locations.names()) {
      const t = await this.locations.get(name);
      if (await t.store.exists(tenantId, objectId)) result.push(t);
    }
    return result;
  }
}

