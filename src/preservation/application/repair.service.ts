import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../platform/context';
import { PremisEventType } from '../domain/preservation-event';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { EventRepository } from '../infrastructure/event.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { WriteLocks } from '../infrastructure/write-locks';
import { objectNotFound } from '../preservation.errors';
import { checkCopy, CopyCheck } from './copy-check';
import { StoragePolicyService } from './storage-policy.service';

export interface RepairOutcome {
  objectId: string;
  status: 'intact' | 'repaired' | 'damaged';
  checks: CopyCheck[];
  repaired: string[];
}

/**
 * Restores failed copies from a copy that passes a full check, with a PREMIS replication event
 * each. With no intact copy left the object is marked damaged and an error alert is logged:
 * never silently.
 */
@Injectable()
export class RepairService {
  private readonly logger = new Logger('preservation');

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly events: EventRepository,
    private readonly policy: StoragePolicyService,
    private readonly locations: StorageLocations,
    private readonly locks: WriteLocks,
  ) {}

  /** Checks every required copy of the object in full, under its write lock, and repairs the failed ones. */
  repairObject(ctx: RequestContext, tenantId: string, objectId: string): Promise<RepairOutcome> {
    return this.locks.withObjectLock(objectId, async () => {
      const row = await this.catalogue.object(tenantId, objectId);
      if (!row || row.status === 'storing') throw objectNotFound();
      const rows = await this.catalogue.copies(tenantId, objectId);
      const names = [...new Set([...(await this.policy.locationsFor(tenantId)), ...rows.map((c) => c.location)])].filter((n) => this.locations.has(n));
      const files = await this.catalogue.files(tenantId, objectId);
      const expected = { inventoryDigest: row.inventoryDigest, sizes: new Map([...files].map(([p, f]) => [p, f.size])) };
      const targets = await Promise.all(names.map((n) => this.locations.get(n)));
      const checks: CopyCheck[] = [];
      for (const t of targets) {
        await t.store.recoverObject(tenantId, objectId);
        checks.push(await checkCopy(t, tenantId, objectId, expected));
      }
      const good = targets.filter((_, i) => checks[i].ok);
      const bad = targets.filter((_, i) => !checks[i].ok);
      const now = new Date();
      for (const t of good) await this.catalogue.upsertCopy(this.catalogue.manager, tenantId, objectId, t.name, { status: 'verified', head: row.head, verifiedAt: now, auditedAt: now, findings: [] });
      if (bad.length === 0) {
        if (row.status === 'damaged') await this.catalogue.setStatus(tenantId, objectId, 'stored');
        return { objectId, status: 'intact', checks, repaired: [] };
      }
      if (good.length === 0) return this.markDamaged(ctx, tenantId, objectId, row.head, checks);
      const repaired: string[] = [];
      for (const t of bad) {
        const check = checks[targets.indexOf(t)];
        if (await this.restore(ctx, tenantId, objectId, good[0], t, check, expected, row.head)) repaired.push(t.name);
      }
      const status = repaired.length === bad.length ? 'repaired' : 'damaged';
      if (status === 'repaired' && row.status === 'damaged') await this.catalogue.setStatus(tenantId, objectId, 'stored');
      return { objectId, status, checks, repaired };
    });
  }

  private async restore(
    ctx: RequestContext,
    tenantId: string,
    objectId: string,
    from: StorageLocation,
    to: StorageLocation,
    check: CopyCheck,
    expected: { inventoryDigest: string | null; sizes: Map<string, number> },
    head: string | null,
  ): Promise<boolean> {
    let after: CopyCheck;
    try {
      await from.store.copyObjectTo(to.store, tenantId, objectId);
      after = await checkCopy(to, tenantId, objectId, expected, false);
    } catch (e) {
      after = { location: to.name, ok: false, kinds: check.kinds, files: check.files };
      this.logger.error({ objectId, location: to.name, from: from.name, error: (e as Error).message }, 'repair of a copy failed');
    }
    const now = new Date();
    await this.catalogue.upsertCopy(this.catalogue.manager, tenantId, objectId, to.name, after.ok ? { status: 'verified', head, verifiedAt: now, auditedAt: now, findings: [] } : { status: 'failed', head, auditedAt: now, findings: check.kinds });
    await this.events.insert(
      tenantId,
      objectId,
      {
        type: PremisEventType.Replication,
        outcome: after.ok ? 'success' : 'failure',
        detail: after.ok ? `copy in ${to.name} restored from ${from.name} after a failed check` : `restoring the copy in ${to.name} from ${from.name} failed`,
        outcomeDetail: { from: from.name, findings: check.kinds, files: check.files, repair: true },
        location: to.name,
      },
      ctx.correlationId,
    );
    if (after.ok) this.logger.warn({ objectId, location: to.name, from: from.name, findings: check.kinds }, 'copy repaired');
    return after.ok;
  }

  private async markDamaged(ctx: RequestContext, tenantId: string, objectId: string, head: string | null, checks: CopyCheck[]): Promise<RepairOutcome> {
    const now = new Date();
    await this.catalogue.transaction(async (m) => {
      await this.catalogue.setStatus(tenantId, objectId, 'damaged', m);
      for (const c of checks) await this.catalogue.upsertCopy(m, tenantId, objectId, c.location, { status: 'failed', head, auditedAt: now, findings: c.kinds });
      await this.events.insert(
        tenantId,
        objectId,
        {
          type: PremisEventType.Replication,
          outcome: 'failure',
          detail: 'no intact copy left to repair from: object marked damaged',
          outcomeDetail: { copies: checks.map((c) => ({ location: c.location, findings: c.kinds, files: c.files })) },
        },
        ctx.correlationId,
        m,
      );
    });
    // The alert: operators' log monitoring picks up error-level preservation lines.
    this.logger.error({ alert: 'preservation.object-damaged', tenantId, objectId, copies: checks.map((c) => ({ location: c.location, findings: c.kinds })) }, 'object damaged: no intact copy left');
    return { objectId, status: 'damaged', checks, repaired: [] };
  }
}
