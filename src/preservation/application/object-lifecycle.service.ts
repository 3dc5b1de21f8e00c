import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { inventoryDigest, logicalState, validateOcflObject } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { PreservationEventInput, SYSTEM_AGENT } from '../domain/preservation-event';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { copyFailed, objectNotFound } from '../preservation.errors';
import { assertOwnObject } from './object-writer.service';
import { mapStorageError } from './storage-error.mapper';

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

export interface DestroyedObject {
  objectId: string;
  /** Locations in which something of the object was found and removed. */
  locations: string[];
}

/**
 * The end of an object's life: destruction of every copy (disposal), purging files out of every
 * version (journal destruction), and a fixity proof of every copy (transfer of custody). Works on
 * every configured location, not only the tenant's policy, so that no stray copy survives.
 */
@Injectable()
export class ObjectLifecycleService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly locations: StorageLocations,
    private readonly locks: WriteLocks,
  ) {}

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

  /**
   * Removes the object from every location (all versions), forgets it in the catalogue and
   * records the event; the event row outlives the object. Repeating it after a partial run
   * finishes the job.
   */
  async destroy(ctx: RequestContext, objectId: string, event: PreservationEventInput): Promise<DestroyedObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.locks.withObjectLock(objectId, async () => {
      const removed: string[] = [];
      for (const name of this.locations.names()) {
        const t = await this.locations.get(name);
        await t.store.recoverObject(tenantId, objectId);
        const present = (await t.store.exists(tenantId, objectId)) || (await hasAnything(t, tenantId, objectId));
        if (!present) continue;
        await t.store.removeObjectRoot(tenantId, objectId);
        if ((await t.store.exists(tenantId, objectId)) || (await hasAnything(t, tenantId, objectId))) throw copyFailed(objectId, name, 'object root not empty after deletion');
        removed.push(name);
      }
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.forgetObject(m, tenantId, objectId);
        await this.events.insert(tenantId, objectId, { ...event, outcomeDetail: { ...event.outcomeDetail, locations: removed } }, ctx.correlationId, m);
      });
      return { objectId, locations: removed };
    });
  }

  /**
   * Removes logical paths from every version of the object in every location that holds it (the
   * content is gone, not merely hidden in an older version) and catalogues the new head.
   */
  async purgeFiles(ctx: RequestContext, objectId: string, logicalPaths: string[], message: string, event: PreservationEventInput): Promise<{ version: string; fileCount: number; totalBytes: number }> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.locks.withObjectLock(objectId, async () => {
      const row = await this.catalogue.object(tenantId, objectId);
      if (!row || row.status === 'storing') throw objectNotFound();
      const targets = await this.holding(tenantId, objectId);
      const meta = { created: new Date(), message, user: event.agent ?? SYSTEM_AGENT };
      let digest: string | undefined;
      let inv;
      for (const t of targets) {
        try {
          inv = await t.store.purgeContent(tenantId, objectId, logicalPaths, meta);
        } catch (e) {
          throw mapStorageError(e, objectId, t.name);
        }
        const d = await inventoryDigest(t.store, tenantId, objectId);
        // The same purge with the same metadata writes the same inventory everywhere.
        if (!d || (digest !== undefined && d !== digest)) throw copyFailed(objectId, t.name, 'inventory differs after purge');
        digest = d;
      }
      if (!inv || !digest) throw objectNotFound();
      const kept = new Set(Object.values(inv.manifest).flat());
      const files = await this.catalogue.files(tenantId, objectId);
      const sizeOf = new Map(Object.entries(inv.manifest).map(([d, ps]) => [d, files.get(ps[0])?.size ?? 0]));
      const head = logicalState(inv);
      const totalBytes = [...head.values()].reduce((sum, d) => sum + (sizeOf.get(d) ?? 0), 0);
      const now = new Date();
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.afterPurge(m, tenantId, objectId, { head: inv.head, fileCount: head.size, totalBytes, inventoryDigest: digest }, [...kept], targets.map((t) => t.name), now);
        await this.events.insert(tenantId, objectId, { ...event, at: now, outcomeDetail: { ...event.outcomeDetail, version: inv.head, locations: targets.map((t) => t.name) } }, ctx.correlationId, m);
      });
      return { version: inv.head, fileCount: head.size, totalBytes };
    });
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

async function hasAnything(t: StorageLocation, tenantId: string, objectId: string): Promise<boolean> {
  for await (const _entry of t.store.backend.list(`${t.store.objectRoot(tenantId, objectId)}/`)) return true;
  return false;
}
