import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../../platform/context';
import { AuditReportRepository, AuditRunRow } from '../infrastructure/audit-report.repository';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { StorageLocations } from '../infrastructure/storage-locations';
import { unknownLocation } from '../preservation.errors';
import { AuditRunResult, FixityAuditService } from './fixity-audit.service';
import { RepairOutcome, RepairService } from './repair.service';
import { StoragePolicyService } from './storage-policy.service';

export interface VerifyReport {
  ok: boolean;
  runs: AuditRunResult[];
}

export interface RepairReport {
  ok: boolean;
  checked: number;
  repaired: Array<Pick<RepairOutcome, 'objectId' | 'repaired'> & { tenantId: string }>;
  damaged: Array<{ tenantId: string; objectId: string; locations: Array<{ location: string; findings: string[] }> }>;
}

const PAGE = 500;

/** Operators' storage commands: verify every copy now, repair what failed, read the audit reports. */
@Injectable()
export class StorageOperationsService {
  constructor(
    private readonly audits: FixityAuditService,
    private readonly repairs: RepairService,
    private readonly reports: AuditReportRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly policy: StoragePolicyService,
    private readonly locations: StorageLocations,
  ) {}

  /** Re-hashes every copy (of one tenant, in one location) now, unthrottled; reports without repairing. */
  async verify(ctx: RequestContext, opts: { tenantId?: string; location?: string } = {}): Promise<VerifyReport> {
    ctx.require(Role.Operator);
    if (opts.location && !this.locations.has(opts.location)) throw unknownLocation(opts.location);
    const names = opts.location ? [opts.location] : this.locations.names();
    const runs: AuditRunResult[] = [];
    for (const name of names) runs.push(await this.audits.run(ctx, name, { trigger: 'manual', everything: true, tenantId: opts.tenantId, repair: false, bytesPerSecond: 0 }));
    return { ok: runs.every((r) => r.failures.length === 0 && !r.skipped), runs };
  }

  /**
   * Repairs every object with a failed or missing copy (including copies a changed policy now
   * requires) from an intact copy; objects without one are marked damaged and reported.
   */
  async repair(ctx: RequestContext, opts: { tenantId?: string } = {}): Promise<RepairReport> {
    ctx.require(Role.Operator);
    const report: RepairReport = { ok: true, checked: 0, repaired: [], damaged: [] };
    const tenants = opts.tenantId ? [opts.tenantId] : await this.catalogue.tenants();
    for (const tenantId of tenants) {
      const required = await this.policy.locationsFor(tenantId);
      for (let after = ''; ; ) {
        const ids = await this.catalogue.needingRepair(tenantId, required, after, PAGE);
        if (ids.length === 0) break;
        for (const objectId of ids) {
          const outcome = await this.repairs.repairObject(ctx, tenantId, objectId);
          report.checked++;
          if (outcome.repaired.length > 0) report.repaired.push({ tenantId, objectId, repaired: outcome.repaired });
          if (outcome.status === 'damaged') {
            report.ok = false;
            report.damaged.push({ tenantId, objectId, locations: outcome.checks.filter((c) => !c.ok).map((c) => ({ location: c.location, findings: c.kinds })) });
          }
        }
        after = ids[ids.length - 1];
      }
    }
    return report;
  }

  auditRuns(ctx: RequestContext, opts: { limit?: number; location?: string } = {}): Promise<AuditRunRow[]> {
    ctx.require(Role.Operator);
    return this.reports.runs(Math.min(Math.max(opts.limit ?? 20, 1), 200), opts.location);
  }
}
