import { Injectable, Logger } from '@nestjs/common';
import { logicalState, OcflInventory, StorageError, StorageErrorCode } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { PremisEventType, SYSTEM_AGENT } from '../domain/preservation-event';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocations } from '../infrastructure/storage-locations';
import { TombstoneRepository } from '../infrastructure/tombstone.repository';
import { WriteLocks } from '../infrastructure/write-locks';
import { fileNotFound, invalidPolicy, objectNotFound } from '../preservation.errors';
import { stateOf, verifyWrittenCopies } from './copy-state';
import { assertOwnObject, ObjectWriterService } from './object-writer.service';
import { StoragePolicyService } from './storage-policy.service';

export interface DestructionOrder {
  /** Why (e.g. `gallring`, `journalförstöring`); no patient data. */
  reason: string;
  /** The decision behind it (a disposal decision's diarienummer, an IVO decision). */
  decisionReference: string;
}

export interface DestructionResult {
  tombstoneId: string;
  objectId: string;
  /** The object's new head, or null when the whole object was destroyed. */
  version: string | null;
  destroyedFiles: number;
  locations: string[];
}

/**
 * Destroys content (disposal, journalförstöring) in every version and every copy: each copy is
 * rewritten without it and the old files are purged. A tombstone is written first (pending) and
 * completed last, so an interrupted destruction is visible and is finished by repeating it.
 */
@Injectable()
export class ObjectDisposalService {
  private readonly logger = new Logger('preservation');

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly tombstones: TombstoneRepository,
    private readonly locations: StorageLocations,
    private readonly policy: StoragePolicyService,
    private readonly locks: WriteLocks,
    private readonly writer: ObjectWriterService,
  ) {}

  destroyContent(ctx: RequestContext, objectId: string, logicalPaths: string[], order: DestructionOrder): Promise<DestructionResult> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    if (logicalPaths.length === 0) throw invalidPolicy('name at least one file to destroy');
    return this.locks.withObjectLock(objectId, async () => {
      const row = await this.catalogue.object(tenantId, objectId);
      if (!row || row.status === 'storing') throw objectNotFound();
      const targets = await Promise.all((await this.policy.locationsFor(tenantId)).map((n) => this.locations.get(n)));
      await this.writer.alignCopies(ctx, tenantId, row, targets);
      const inv = await targets[0].store.inventory(tenantId, objectId);
      const digests = digestsOf(inv, logicalPaths);
      const tombstoneId = await this.tombstones.insertPending({ tenantId, objectId, wholeObject: false, logicalPaths, contentDigests: digests, ...order, destroyedBy: ctx.principal?.id ?? 'unknown' });
      // The same metadata everywhere, so that every copy ends with byte-identical inventories.
      const meta = { created: new Date(), message: `content destroyed: ${order.reason} (${order.decisionReference})`, user: SYSTEM_AGENT };
      let after: OcflInventory = inv;
      for (const t of targets) after = await t.store.purgeContent(tenantId, objectId, logicalPaths, meta);
      const files = await this.catalogue.files(tenantId, objectId);
      const sizes = new Map([...files].map(([p, f]) => [p, f.size]));
      const kept = Object.values(after.manifest).flat();
      const state = stateOf(after, sizes, await verifyWrittenCopies(targets, tenantId, objectId, new Map(kept.map((p) => [p, sizes.get(p) ?? 0]))));
      const now = new Date();
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.markPurged(m, tenantId, objectId, state, kept, targets.map((t) => ({ location: t.name, verifiedAt: now })));
        await this.events.insert(tenantId, objectId, deletionEvent(order, logicalPaths.length, targets.map((t) => t.name), false), ctx.correlationId, m);
        await this.tombstones.markDone(tenantId, tombstoneId, m);
      });
      this.logger.log({ objectId, files: logicalPaths.length, locations: targets.map((t) => t.name) }, 'content destroyed in every copy');
      return { tombstoneId, objectId, version: state.head, destroyedFiles: logicalPaths.length, locations: targets.map((t) => t.name) };
    });
  }

  /** Destroys a whole object: every version in every location; the catalogue keeps the tombstone and the events. */
  destroyObject(ctx: RequestContext, objectId: string, order: DestructionOrder): Promise<DestructionResult> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    return this.locks.withObjectLock(objectId, async () => {
      const row = await this.catalogue.object(tenantId, objectId);
      if (!row) throw objectNotFound();
      const names = [...new Set([...(await this.policy.locationsFor(tenantId)), ...(await this.catalogue.copies(tenantId, objectId)).map((c) => c.location)])].filter((n) => this.locations.has(n));
      const targets = await Promise.all(names.map((n) => this.locations.get(n)));
      const paths = new Set<string>();
      const digests = new Set<string>();
      for (const t of targets) {
        const inv = await t.store.inventory(tenantId, objectId).catch((e: unknown) => (e instanceof StorageError && e.code === StorageErrorCode.NotFound ? undefined : Promise.reject(e)));
        for (const v of Object.values(inv?.versions ?? {})) for (const [d, ps] of Object.entries(v.state)) ps.forEach((p) => (paths.add(p), digests.add(d)));
      }
      const tombstoneId = await this.tombstones.insertPending({ tenantId, objectId, wholeObject: true, logicalPaths: [...paths].sort(), contentDigests: [...digests].sort(), ...order, destroyedBy: ctx.principal?.id ?? 'unknown' });
      for (const t of targets) {
        await t.store.recoverObject(tenantId, objectId);
        await t.store.removeObjectRoot(tenantId, objectId);
      }
      await this.catalogue.transaction(async (m) => {
        await this.catalogue.deleteObject(m, tenantId, objectId);
        await this.events.insert(tenantId, objectId, deletionEvent(order, paths.size, names, true), ctx.correlationId, m);
        await this.tombstones.markDone(tenantId, tombstoneId, m);
      });
      this.logger.log({ objectId, locations: names }, 'object destroyed in every copy');
      return { tombstoneId, objectId, version: null, destroyedFiles: paths.size, locations: names };
    });
  }
}

/** Digests of the named paths in any version; every path must exist in some version. */
function digestsOf(inv: OcflInventory, logicalPaths: string[]): string[] {
  const digests = new Set<string>();
  for (const p of logicalPaths) {
    let found = false;
    for (const v of Object.keys(inv.versions)) {
      const d = logicalState(inv, v).get(p);
      if (d) {
        digests.add(d);
        found = true;
      }
    }
    if (!found) throw fileNotFound();
  }
  return [...digests].sort();
}

function deletionEvent(order: DestructionOrder, files: number, locations: string[], wholeObject: boolean) {
  return {
    type: PremisEventType.Deletion,
    outcome: 'success' as const,
    detail: `${wholeObject ? 'object' : `${files} file(s)`} destroyed in every version and every copy: ${order.reason}`,
    outcomeDetail: { reason: order.reason, decisionReference: order.decisionReference, files, locations, wholeObject },
  };
}
