import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { copyHeadVersionTo, inventoryDigest, logicalState, OcflInventory, parseObjectId, rollBackTo, StoredContent, versionNumber } from '@samarkiv/storage';
import { RequestContext } from '../../platform/context';
import { PremisEventType, PreservationEventInput, SYSTEM_AGENT } from '../domain/preservation-event';
import { StoredObject, StoreObjectRequest, VersionChangeRequest } from '../domain/stored-object';
import { CatalogueRepository, FileRow, ObjectRow } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { copyFailed, invalidObjectId, objectDamaged, objectExists, objectNotFound } from '../preservation.errors';
import { requestDigests } from './request-digests';
import { stateOf, verifyWrittenCopies } from './copy-state';
import { mapStorageError } from './storage-error.mapper';
import { StoragePolicyService } from './storage-policy.service';
import { CatalogueViews } from './catalogue-views';

/**
 * Writes objects and versions to every location of the tenant's policy. The first copy is
 * written from the source (one read pass, hashing as it copies); the others are copied from it,
 * which re-reads and checks the first copy against its manifest. Each copy is then checked for
 * structure and sizes; only then is the object catalogued as stored.
 */
@Injectable()
export class ObjectWriterService {
  private readonly logger = new Logger('preservation');

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly policy: StoragePolicyService,
    private readonly locations: StorageLocations,
    private readonly locks: WriteLocks,
    private readonly views: CatalogueViews,
  ) {}

  async storeObject(ctx: RequestContext, req: StoreObjectRequest): Promise<StoredObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, req.objectId);
    const names = await this.policy.locationsFor(tenantId);
    return this.locks.withObjectLock(req.objectId, async () => {
      const existing = await this.catalogue.object(tenantId, req.objectId);
      if (existing && existing.status !== 'storing') return this.existing(ctx, tenantId, req, existing);
      const targets = await Promise.all(names.map((n) => this.locations.get(n)));
      if (!existing) {
        // Not catalogued yet present in storage: an object from before a database loss, which
        // only a rebuild from storage may claim. Never overwrite it.
        for (const t of targets) if (await t.store.exists(tenantId, req.objectId)) throw objectExists(req.objectId);
        await this.catalogue.insertStoring(tenantId, req.objectId);
      } else {
        await this.removeAttempt(tenantId, req.objectId, targets);
      }
      return this.writeNew(ctx, tenantId, req, targets);
    });
  }

  async addVersion(ctx: RequestContext, objectId: string, changes: VersionChangeRequest, message: string, agent?: { name: string; address?: string }): Promise<StoredObject> {
    const tenantId = ctx.requireTenant();
    assertOwnObject(tenantId, objectId);
    const names = await this.policy.locationsFor(tenantId);
    return this.locks.withObjectLock(objectId, async () => {
      const row = await this.catalogue.object(tenantId, objectId);
      if (!row || row.status === 'storing') throw objectNotFound();
      const targets = await Promise.all(names.map((n) => this.locations.get(n)));
      await this.alignCopies(ctx, tenantId, row, targets);
      const [first, ...others] = targets;
      const known = await this.catalogue.files(tenantId, objectId);
      const written: StoredContent[] = [];
      const meta = { created: new Date(), message, user: agent ?? SYSTEM_AGENT };
      let inv: OcflInventory;
      try {
        inv = await first.store.addVersion(tenantId, objectId, changes, meta, { onContent: (c) => written.push(c) });
      } catch (e) {
        throw mapStorageError(e, objectId, first.name);
      }
      for (const o of others) await this.replicate(objectId, first, o, () => copyHeadVersionTo(first.store, o.store, tenantId, objectId));
      const sizes = new Map([...known].map(([p, f]) => [p, f.size]));
      for (const w of written) sizes.set(w.contentPath, w.size);
      return this.finish(ctx, tenantId, objectId, inv, targets, sizes, written, []);
    });
  }

  /** Idempotent repeat: the same content returns the stored object; different content is refused. */
  private async existing(ctx: RequestContext, tenantId: string, req: StoreObjectRequest, row: ObjectRow): Promise<StoredObject> {
    if (row.status === 'damaged') throw objectDamaged(req.objectId);
    const inv = await this.views.inventoryFromVerifiedCopy(tenantId, req.objectId);
    const stored = logicalState(inv, 'v1');
    const wanted = await requestDigests(req.files, inv.digestAlgorithm);
    const same = stored.size === wanted.size && [...wanted].every(([p, d]) => stored.get(p) === d);
    if (!same) throw objectExists(req.objectId);
    const view = await this.views.storedObject(tenantId, req.objectId);
    const required = await this.policy.locationsFor(tenantId);
    const missing = required.filter((l) => !view.copies.some((c) => c.location === l));
    if (missing.length > 0) throw copyFailed(req.objectId, missing.join(', '), 'copy not verified; run storage repair');
    this.logger.debug({ objectId: req.objectId, correlationId: ctx.correlationId }, 'object already stored');
    return view;
  }

  private async writeNew(ctx: RequestContext, tenantId: string, req: StoreObjectRequest, targets: StorageLocation[]): Promise<StoredObject> {
    const [first, ...others] = targets;
    const written: StoredContent[] = [];
    const meta = { created: new Date(), message: req.message, user: req.agent ?? SYSTEM_AGENT };
    let inv: OcflInventory;
    try {
      inv = await first.store.createObject(tenantId, req.objectId, req.files, meta, { onContent: (c) => written.push(c) });
    } catch (e) {
      throw mapStorageError(e, req.objectId, first.name);
    }
    for (const o of others) await this.replicate(req.objectId, first, o, () => first.store.copyObjectTo(o.store, tenantId, req.objectId));
    const sizes = new Map(written.map((w) => [w.contentPath, w.size]));
    const supplied = req.files.filter((f) => f.digests && Object.keys(f.digests).length > 0).length;
    const digestEvent: PreservationEventInput = {
      type: PremisEventType.MessageDigestCalculation,
      outcome: 'success',
      detail: `${inv.digestAlgorithm} digests of ${written.length} content file(s) recorded in the OCFL inventory`,
      outcomeDetail: { algorithm: inv.digestAlgorithm, contentFiles: written.length, suppliedByCaller: supplied },
      location: first.name,
    };
    return this.finish(ctx, tenantId, req.objectId, inv, targets, sizes, written, [digestEvent]);
  }

  private async replicate(objectId: string, from: StorageLocation, to: StorageLocation, copy: () => Promise<unknown>): Promise<void> {
    try {
      await copy();
    } catch (e) {
      throw mapStorageError(e, objectId, to.name);
    }
    this.logger.debug({ objectId, from: from.name, to: to.name }, 'copy written');
  }

  /**
   * Checks every copy (structure, presence and sizes; the first copy's digests were re-checked by
   * the copies made from it, or are re-hashed here when it is the only one), then catalogues the
   * state and its events in one transaction.
   */
  private async finish(
    ctx: RequestContext,
    tenantId: string,
    objectId: string,
    inv: OcflInventory,
    targets: StorageLocation[],
    sizes: Map<string, number>,
    written: StoredContent[],
    extraEvents: PreservationEventInput[],
  ): Promise<StoredObject> {
    const linked = new Set(written.filter((w) => w.linked).map((w) => w.contentPath));
    const state = stateOf(inv, sizes, await verifyWrittenCopies(targets, tenantId, objectId, sizes, linked));
    const verifiedAt = new Date();
    const files: FileRow[] = written.map((w) => ({ contentPath: w.contentPath, digest: w.digest, size: w.size }));
    const events: PreservationEventInput[] = [
      ...extraEvents,
      ...targets.slice(1).map((t) => ({
        type: PremisEventType.Replication,
        outcome: 'success' as const,
        detail: `${inv.head} copied from ${targets[0].name} to ${t.name}, each file checked against its manifest digest`,
        outcomeDetail: { version: inv.head, from: targets[0].name },
        location: t.name,
      })),
    ];
    await this.catalogue.transaction(async (m) => {
      await this.catalogue.markStored(m, tenantId, objectId, state, files, targets.map((t) => ({ location: t.name, verifiedAt })));
      for (const e of events) await this.events.insert(tenantId, objectId, { ...e, at: verifiedAt }, ctx.correlationId, m);
    });
    return { objectId, version: inv.head, fileCount: state.fileCount, totalBytes: state.totalBytes, copies: targets.map((t) => ({ location: t.name, verifiedAt })) };
  }

  /** A write that never reached 'stored' left partial or complete copies: remove them all. */
  private async removeAttempt(tenantId: string, objectId: string, targets: StorageLocation[]): Promise<void> {
    for (const t of targets) {
      await t.store.recoverObject(tenantId, objectId);
      await t.store.removeObjectRoot(tenantId, objectId);
    }
    this.logger.warn({ objectId }, 'an interrupted write was cleaned up and is redone');
  }

  /**
   * Before a new version, every required copy must equal the catalogued state. A copy ahead of it
   * (a version written but never catalogued, e.g. after a crash) is rolled back; a copy that is
   * missing or differs is restored from one that matches.
   */
  async alignCopies(ctx: RequestContext, tenantId: string, row: ObjectRow, targets: StorageLocation[]): Promise<void> {
    const good: StorageLocation[] = [];
    const bad: StorageLocation[] = [];
    for (const t of targets) {
      await t.store.recoverObject(tenantId, row.objectId);
      let d = await inventoryDigest(t.store, tenantId, row.objectId);
      if (d !== undefined && d !== row.inventoryDigest && row.head) {
        const inv = await t.store.inventory(tenantId, row.objectId);
        if (versionNumber(inv.head) > versionNumber(row.head) && (await versionInventoryDigest(t, tenantId, row.objectId, row.head)) === row.inventoryDigest) {
          await rollBackTo(t.store, tenantId, row.objectId, row.head);
          d = await inventoryDigest(t.store, tenantId, row.objectId);
        }
      }
      (d === row.inventoryDigest ? good : bad).push(t);
    }
    if (good.length === 0) throw objectDamaged(row.objectId);
    for (const t of bad) {
      await this.replicate(row.objectId, good[0], t, () => good[0].store.copyObjectTo(t.store, tenantId, row.objectId));
      await this.events.insert(tenantId, row.objectId, {
        type: PremisEventType.Replication,
        outcome: 'success',
        detail: `copy in ${t.name} did not match the catalogue and was restored from ${good[0].name}`,
        outcomeDetail: { from: good[0].name, reason: 'copy differs before a new version' },
        location: t.name,
      }, ctx.correlationId);
    }
  }
}

async function versionInventoryDigest(t: StorageLocation, tenantId: string, objectId: string, version: string): Promise<string | undefined> {
  const bytes = await t.store.backend.getBytes(`${t.store.objectRoot(tenantId, objectId)}/${version}/inventory.json`);
  return bytes ? createHash('sha512').update(bytes).digest('hex') : undefined;
}

/** Object ids carry their tenant; another tenant's id is refused before any storage is touched. */
export function assertOwnObject(tenantId: string, objectId: string): void {
  let parsed;
  try {
    parsed = parseObjectId(objectId);
  } catch {
    throw invalidObjectId();
  }
  if (parsed.tenantId !== tenantId) throw objectNotFound();
}
