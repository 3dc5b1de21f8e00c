import { Injectable, Logger } from '@nestjs/common';
import { inventoryDigest, logicalState, OcflInventory, StorageError, StorageErrorCode, validateOcflObject } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { PremisEventType } from '../domain/preservation-event';
import { StoredObject } from '../domain/stored-object';
import { CatalogueRepository, FileRow } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { objectNotFound } from '../preservation.errors';
import { CatalogueViews } from './catalogue-views';
import { StoragePolicyService } from './storage-policy.service';

interface Copy {
  location: StorageLocation;
  inventory: OcflInventory;
  digest: string;
}

/**
 * A rebuild from storage: an object found in the storage locations but missing from the
 * catalogue is checked in full in every location of the tenant's policy (structure, sizes and
 * every digest) and catalogued with the copies that passed. Copies that fail or differ from the
 * majority's inventory are catalogued as failed so the next repair restores them.
 */
@Injectable()
export class ObjectAdoptionService {
  private readonly logger = new Logger('preservation');

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly policy: StoragePolicyService,
    private readonly locations: StorageLocations,
    private readonly locks: WriteLocks,
    private readonly views: CatalogueViews,
  ) {}

  async adopt(ctx: RequestContext, tenantId: string, objectId: string): Promise<StoredObject> {
    return this.locks.withObjectLock(objectId, async () => {
      const existing = await this.catalogue.object(tenantId, objectId);
      if (existing && existing.status !== 'storing') return this.views.storedObject(tenantId, objectId);
      const names = await this.policy.locationsFor(tenantId);
      const good: Copy[] = [];
      const bad: Array<{ location: string; findings: string[] }> = [];
      for (const name of names) {
        const location = await this.locations.get(name);
        const copy = await this.check(location, tenantId, objectId);
        if ('findings' in copy) bad.push({ location: name, findings: copy.findings });
        else good.push(copy);
      }
      if (good.length === 0) throw objectNotFound();
      // Copies of one object must agree; the most common inventory wins.
      const votes = new Map<string, number>();
      for (const c of good) votes.set(c.digest, (votes.get(c.digest) ?? 0) + 1);
      const winner = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const agreeing = good.filter((c) => c.digest === winner);
      for (const c of good.filter((c) => c.digest !== winner)) bad.push({ location: c.location.name, findings: ['inventory differs from the other copies'] });
      const first = agreeing[0];
      const files = await this.contentFiles(first, tenantId, objectId);
      const sizeOf = new Map(files.map((f) => [f.digest, f.size]));
      const head = logicalState(first.inventory);
      const totalBytes = [...head.values()].reduce((sum, d) => sum + (sizeOf.get(d) ?? 0), 0);
      const verifiedAt = new Date();
      const state = { head: first.inventory.head, fileCount: head.size, totalBytes, inventoryDigest: winner };
      if (!existing) await this.catalogue.insertStoring(tenantId, objectId);
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.markStored(m, tenantId, objectId, state, files, agreeing.map((c) => ({ location: c.location.name, verifiedAt })));
        for (const b of bad) {
          await this.catalogue.upsertCopy(m, tenantId, objectId, b.location, { status: 'failed', head: null, verifiedAt: null, auditedAt: verifiedAt, findings: b.findings });
        }
        await this.events.insert(
          tenantId,
          objectId,
          {
            type: PremisEventType.FixityCheck,
            outcome: bad.length === 0 ? 'success' : 'warning',
            detail: `catalogued again from storage (rebuild): ${agreeing.length} verified cop${agreeing.length === 1 ? 'y' : 'ies'}${bad.length ? `, ${bad.length} to repair` : ''}`,
            outcomeDetail: { verified: agreeing.map((c) => c.location.name), damaged: bad.map((b) => b.location) },
            at: verifiedAt,
          },
          ctx.correlationId,
          m,
        );
      });
      if (bad.length > 0) this.logger.warn({ objectId, damaged: bad.map((b) => b.location) }, 'rebuild found copies to repair');
      return { objectId, version: state.head, fileCount: state.fileCount, totalBytes, copies: agreeing.map((c) => ({ location: c.location.name, verifiedAt })) };
    });
  }

  private async check(location: StorageLocation, tenantId: string, objectId: string): Promise<Copy | { findings: string[] }> {
    let inventory: OcflInventory;
    try {
      inventory = await location.store.inventory(tenantId, objectId);
    } catch (e) {
      if (e instanceof StorageError && e.code === StorageErrorCode.NotFound) return { findings: ['copy missing'] };
      throw e;
    }
    const report = await validateOcflObject(location.store.backend, location.store.objectRoot(tenantId, objectId), { expectedId: objectId, checkDigests: true });
    const digest = await inventoryDigest(location.store, tenantId, objectId);
    if (!report.valid || !digest) return { findings: [...new Set(report.findings.map((f) => f.kind))] };
    return { location, inventory, digest };
  }

  /** Content files with their sizes, from storage (the inventory holds digests, not sizes). */
  private async contentFiles(copy: Copy, tenantId: string, objectId: string): Promise<FileRow[]> {
    const root = copy.location.store.objectRoot(tenantId, objectId);
    const rows: FileRow[] = [];
    for (const [digest, paths] of Object.entries(copy.inventory.manifest)) {
      for (const contentPath of paths) {
        const entry = await copy.location.store.backend.stat(`${root}/${contentPath}`);
        rows.push({ contentPath, digest, size: entry?.size ?? 0 });
      }
    }
    return rows;
  }
}
