import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { parseObjectId } from '@samarkiv/storage';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext, Role } from '../../platform/context';
import { runInTenantScope } from '../../platform/database/tenant-scope';
import { AIP_DESCRIPTOR_FORMAT, AIP_DESCRIPTOR_PATH, AIP_RECORDS_PATH, AipDescriptor, ArchiveFacade } from '../../archive/archive.facade';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { SearchFacade } from '../../search/search.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { recordBatches } from '../pipeline/record-batches';

export interface RebuildOptions {
  tenantIds?: string[];
  /** Storage location to enumerate (default: the first of each tenant's policy). */
  location?: string;
}

export interface TenantRebuild {
  tenantId: string;
  objects: number;
  rebuilt: number;
  alreadyCatalogued: number;
  records: number;
  failed: Array<{ objectId: string; reason: string }>;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `samarkiv rebuild --from-storage`: the catalogue (deliveries, AIPs, the preservation catalogue)
 * and the search index, recreated from the storage locations alone — each AIP's descriptor and
 * extracted records — which proves the archive does not depend on its database. Idempotent: AIPs
 * already catalogued are left as they are, so an interrupted rebuild simply runs again.
 */
@Injectable()
export class CatalogueRebuildService {
  private readonly logger = new Logger('rebuild');

  constructor(
    private readonly preservation: PreservationFacade,
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly tenancy: TenancyFacade,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditFacade,
  ) {}

  async rebuild(ctx: RequestContext, opts: RebuildOptions = {}): Promise<TenantRebuild[]> {
    ctx.require(Role.Operator);
    const tenantIds = opts.tenantIds ?? (await this.tenancy.listTenants(ctx)).map((t) => t.id);
    const reports: TenantRebuild[] = [];
    for (const tenantId of tenantIds) {
      const job = RequestContext.job(tenantId, `rebuild-${ctx.correlationId}`);
      const report = await runInTenantScope(tenantId, () => this.rebuildTenant(job, tenantId, opts.location));
      await this.audit.record(ctx, {
        action: AuditAction.ConfigChange,
        tenantId,
        outcome: report.failed.length === 0 ? AuditOutcome.Success : AuditOutcome.Failed,
        details: { what: 'catalogue-rebuild', objects: report.objects, rebuilt: report.rebuilt, records: report.records, failed: report.failed.length },
      });
      reports.push(report);
    }
    return reports;
  }

  private async rebuildTenant(ctx: RequestContext, tenantId: string, location?: string): Promise<TenantRebuild> {
    const report: TenantRebuild = { tenantId, objects: 0, rebuilt: 0, alreadyCatalogued: 0, records: 0, failed: [] };
    for await (const objectId of this.preservation.listObjects(ctx, location)) {
      if (parseObjectId(objectId).kind !== 'aip') continue;
      report.objects += 1;
      try {
        const indexed = await this.rebuildAip(ctx, tenantId, objectId);
        if (indexed === null) report.alreadyCatalogued += 1;
        else {
          report.rebuilt += 1;
          report.records += indexed;
        }
      } catch (err) {
        // One unreadable AIP must not stop the others; it is reported by id, never by content.
        const reason = err instanceof Error ? err.message : String(err);
        this.logger.error({ objectId, reason }, 'AIP could not be rebuilt');
        report.failed.push({ objectId, reason });
      }
    }
    return report;
  }

  /** The number of records indexed, or null when the AIP was catalogued already. */
  private async rebuildAip(ctx: RequestContext, tenantId: string, objectId: string): Promise<number | null> {
    const stored = await this.preservation.adoptObject(ctx, objectId);
    const files = await this.preservation.listFiles(ctx, objectId);
    const descriptorFile = files.find((f) => f.logicalPath === AIP_DESCRIPTOR_PATH || f.logicalPath.endsWith(`/${AIP_DESCRIPTOR_PATH}`));
    const recordsFile = files.find((f) => f.logicalPath === AIP_RECORDS_PATH || f.logicalPath.endsWith(`/${AIP_RECORDS_PATH}`));
    if (!descriptorFile) throw new Error(`no ${AIP_DESCRIPTOR_PATH} in the object`);
    const d = JSON.parse(await readAll(await this.preservation.openFile(ctx, objectId, descriptorFile.logicalPath))) as AipDescriptor;
    if (d.format !== AIP_DESCRIPTOR_FORMAT || d.tenantId !== tenantId) throw new Error('the AIP descriptor is not a samarkiv-aip/1 descriptor of this tenant');
    if (await this.archive.aipForDelivery(ctx, d.deliveryId)) return null;
    const tier = d.tier ?? 'intermediate';
    return this.deliveries.transaction(async (tx) => {
      await this.deliveries.restoreAccepted(tx, {
        tenantId,
        id: d.deliveryId,
        createdBy: d.createdBy,
        informationTypeId: d.informationTypeId,
        sourceSystem: d.sourceSystem,
        submissionAgreement: d.submissionAgreement,
        sipObjid: d.sipObjid,
        sipKind: d.sipKind,
        aipId: d.aipId,
        aipVersion: d.version,
        completedAt: d.createdAt,
      });
      const records = recordsFile ? recordBatches(await this.preservation.openFile(ctx, objectId, recordsFile.logicalPath)) : emptyBatches();
      const ref = { aipId: d.aipId, deliveryId: d.deliveryId, informationTypeId: d.informationTypeId, sourceSystem: d.sourceSystem, tier };
      const indexed = await this.search.indexRecords(ctx, tx, ref, records);
      await this.archive.registerAip(ctx, tx, {
        id: d.aipId,
        objectId,
        deliveryId: d.deliveryId,
        sipObjid: d.sipObjid,
        informationTypeId: d.informationTypeId,
        sourceSystem: d.sourceSystem,
        tier,
        version: d.version,
        storedVersion: stored.version,
        fileCount: stored.fileCount,
        totalBytes: stored.totalBytes,
        recordCount: indexed,
      });
      return indexed;
    });
  }
}

async function* emptyBatches(): AsyncIterable<CanonicalRecord[]> {}
