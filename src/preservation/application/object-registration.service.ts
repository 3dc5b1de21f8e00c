import { Injectable } from '@nestjs/common';
import { inventoryDigest, OcflInventory } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { PremisEventType } from '../domain/preservation-event';
import { StoredObject } from '../domain/stored-object';
import { CatalogueRepository, FileRow } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { objectDamaged, objectExists, objectNotFound } from '../preservation.errors';
import { CatalogueViews } from './catalogue-views';
import { checkCopy } from './copy-check';
import { stateOf } from './copy-state';
import { assertOwnObject } from './object-writer.service';
import { StoragePolicyService } from './storage-policy.service';

/**
 * Catalogues an object found in storage but unknown to the database (a rebuild from the storage
 * roots): every copy in the policy's locations is checked in full; intact copies that agree are
 * recorded as verified, the others as failed so that `storage repair` restores them.
 */
@Injectable()
export class ObjectRegistrationService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly locations: StorageLocations,
    private readonly policy: StoragePolicyService,
    private readonly locks: WriteLocks,
    private readonly views: CatalogueViews,
  ) {}

  registerFromStorage(ctx: RequestContext, objectId: string): Promise<StoredObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.locks.withObjectLock(objectId, async () => {
      const existing = await this.catalogue.object(tenantId, objectId);
      if (existing && existing.status !== 'storing') return this.views.storedObject(tenantId, objectId);
      const targets = await Promise.all((await this.policy.locationsFor(tenantId)).map((n) => this.locations.get(n)));
      const found: Array<{ location: StorageLocation; digest: string; inventory: OcflInventory }> = [];
      for (const t of targets) {
        await t.store.recoverObject(tenantId, objectId);
        const digest = await inventoryDigest(t.store, tenantId, objectId);
        if (!digest) continue;
        if ((await checkCopy(t, tenantId, objectId, { inventoryDigest: digest, sizes: new Map() })).ok) found.push({ location: t, digest, inventory: await t.store.inventory(tenantId, objectId) });
      }
      if (found.length === 0) throw existing ? objectDamaged(objectId) : objectNotFound();
      // Intact copies that disagree (different heads) need a person: never guess which is right.
      if (new Set(found.map((f) => f.digest)).size > 1) throw objectExists(objectId);
      const { location, digest, inventory } = found[0];
      const root = location.store.objectRoot(tenantId, objectId);
      const sizes = new Map<string, number>();
      for await (const e of location.store.backend.list(root)) sizes.set(e.key.slice(root.length + 1), e.size);
      const files: FileRow[] = Object.entries(inventory.manifest).flatMap(([d, paths]) => paths.map((p) => ({ contentPath: p, digest: d, size: sizes.get(p) ?? 0 })));
      const state = stateOf(inventory, sizes, digest);
      const now = new Date();
      if (!existing) await this.catalogue.insertStoring(tenantId, objectId);
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.markStored(m, tenantId, objectId, state, files, found.map((f) => ({ location: f.location.name, verifiedAt: now })));
        for (const t of targets.filter((t) => !found.some((f) => f.location === t))) {
          await this.catalogue.upsertCopy(m, tenantId, objectId, t.name, { status: 'failed', head: state.head, auditedAt: now, findings: ['missing'] });
        }
        for (const f of found) {
          await this.events.insert(
            tenantId,
            objectId,
            { type: PremisEventType.FixityCheck, outcome: 'success', detail: `catalogued from storage: every file in ${f.location.name} matches its digest`, outcomeDetail: { rebuild: true }, location: f.location.name },
            ctx.correlationId,
            m,
          );
        }
      });
      return this.views.storedObject(tenantId, objectId);
    });
  }
}
