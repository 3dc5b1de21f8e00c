import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildSip, SipMetadataInput, SipProvenanceEvent, validatePackage } from '@samarkiv/information-package';
import { ArchiveFacade } from '../../archive/archive.facade';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { finalArchiveConfig, formatSettings } from '../../platform/config/settings';
import { Action, RequestContext, Tier } from '../../platform/context';
import { packageVersion } from '../../platform/paths';
import { runInTenantScope } from '../../platform/database/tenant-scope';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobMeta } from '../../platform/queue/job-registry';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { CENTRAL_SCOPE, JobName, JobPayloads } from '../../platform/queue/queue-names';
import { runsWorker } from '../../platform/queue/worker-role';
import { PreservationEvent, PreservationFacade } from '../../preservation/preservation.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { actorOf, jobActorOf, jobContext } from '../domain/actor';
import { Transfer, TransferItem } from '../domain/transfer';
import { ExportPackage, TransferExport } from '../domain/transfer-export';
import { exportNotFound, nothingToExport, wrongState } from '../final-archive.errors';
import { ExportRepository, ExportRow } from '../infrastructure/export.repository';
import { TransferRepository } from '../infrastructure/transfer.repository';
import { readAipPremisEvents, PREMIS_EVENT_TYPES } from './aip-premis.reader';
import { ExportFiles } from './export-files';
import { TransferService } from './transfer.service';

const PURGE_SCHEDULER_ID = JobName.TransferExportPurge;
const PURGE_EVERY_MS = 6 * 3600_000;

/** The original SIP inside the AIP: its representations' data files and its descriptive metadata. */
const REPRESENTATION_FILE = /^submission\/[^/]+\/representations\/([^/]+)\/data\/(.+)$/;
const DESCRIPTIVE_FILE = /^submission\/[^/]+\/metadata\/descriptive\/([^/]+)$/;
/** The AIP's package-level PREMIS, written at ingest. */
const AIP_PREMIS_PATH = 'metadata/preservation/premis.xml';

/**
 * Exports an accepted transfer as E-ARK SIP 2.2.0 / FGS Paketstruktur 2.0 packages, one per AIP,
 * for an authority that keeps its final archive elsewhere: the original representation files
 * and descriptive metadata, with the AIP's PREMIS provenance (ingest to transfer of custody).
 * Every package is validated with our own validator and the outcome kept beside it. A job writes
 * them (resuming with the AIPs not yet written); packages are derived files, purged after the
 * configured days and deleted as soon as their AIP is destroyed.
 */
@Injectable()
export class TransferExportService implements OnApplicationBootstrap {
  private readonly logger = new Logger('final-archive');

  constructor(
    private readonly transfers: TransferRepository,
    private readonly transferService: TransferService,
    private readonly exports: ExportRepository,
    private readonly files: ExportFiles,
    private readonly archive: ArchiveFacade,
    private readonly preservation: PreservationFacade,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
    @Inject(finalArchiveConfig.KEY) private readonly config: ConfigType<typeof finalArchiveConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.moduleRef)) return;
    const data: JobPayloads[JobName.TransferExportPurge] = { tenantId: CENTRAL_SCOPE };
    await this.jobs.queue(JobName.TransferExportPurge).upsertJobScheduler(PURGE_SCHEDULER_ID, { every: PURGE_EVERY_MS }, { name: JobName.TransferExportPurge, data });
  }

  /** An authority archivist (the accept right in the final tier) exports an accepted transfer. */
  async start(ctx: RequestContext, transferId: string): Promise<TransferExport> {
    const tenantId = ctx.requireTenant();
    const t = await this.authorised(ctx, transferId);
    if (t.status !== 'accepted') throw wrongState('transfer', t.status);
    const id = randomUUID();
    await this.audit.withAudit(ctx, { action: AuditAction.Export, details: { transferId, exportId: id, step: 'transfer-export-started', aips: t.summary.aips } }, () =>
      this.exports.insert(tenantId, { id, transferId, requestedBy: actorOf(ctx) }),
    );
    await this.jobs.enqueue(JobName.TransferExport, { tenantId, transferId, exportId: id, actor: jobActorOf(ctx) }, id);
    return this.get(ctx, transferId, id);
  }

  async get(ctx: RequestContext, transferId: string, exportId: string): Promise<TransferExport> {
    const t = await this.authorised(ctx, transferId);
    const e = await this.exports.find(ctx.requireTenant(), transferId, exportId);
    if (!e) throw exportNotFound();
    return this.view(e, t, await this.exports.packages(e.tenantId, e.id));
  }

  /** One package as a stream, audited as an export of the AIP it carries. */
  async download(ctx: RequestContext, transferId: string, exportId: string, name: string): Promise<{ stream: Readable; size: number; name: string }> {
    const tenantId = ctx.requireTenant();
    await this.authorised(ctx, transferId);
    const e = await this.exports.find(tenantId, transferId, exportId);
    const pkg = e && (await this.exports.packages(tenantId, exportId)).find((p) => p.name === name && !p.deleted);
    if (!e || !pkg) throw exportNotFound();
    const path = this.files.packagePath(tenantId, exportId, pkg.name);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw exportNotFound();
    await this.audit.record(ctx, { action: AuditAction.Export, details: { transferId, exportId, step: 'transfer-export-download', package: pkg.name, aipId: pkg.aipId, sha256: pkg.sha256 } });
    return { stream: createReadStream(path), size, name: pkg.name };
  }

  /** Writes the packages not yet written (a retry resumes), validating each. */
  @JobHandler(JobName.TransferExport)
  async exportJob(payload: JobPayloads[JobName.TransferExport], meta: JobMeta): Promise<{ packages: number }> {
    const { tenantId, transferId, exportId } = payload;
    const ctx = jobContext(tenantId, payload.actor);
    const e = await this.exports.find(tenantId, transferId, exportId);
    if (e?.status !== 'running') return { packages: 0 };
    try {
      const t = (await this.transfers.find(tenantId, transferId))!;
      const tenant = await this.tenancy.getTenant(ctx, tenantId);
      const written = new Set((await this.exports.packages(tenantId, exportId)).map((p) => p.aipId));
      const dir = this.files.dir(tenantId, exportId);
      await mkdir(dir, { recursive: true });
      for (const item of await this.transfers.items(tenantId, transferId)) {
        if (written.has(item.aipId) || !(await this.stillKept(ctx, item.aipId))) continue;
        const pkg = await this.writePackage(ctx, { name: tenant.name, organisationNumber: tenant.organisationNumber, authority: tenant.archiveAuthorityName }, t, item, dir);
        await this.exports.savePackage(tenantId, exportId, pkg);
        // A disposal that destroyed the AIP meanwhile reaches this package too.
        if (!(await this.stillKept(ctx, item.aipId))) await this.files.removePackagesOf(ctx, item.aipId);
      }
      const packages = await this.exports.packages(tenantId, exportId);
      await this.exports.finish(tenantId, exportId, 'completed');
      await this.audit.record(ctx, {
        action: AuditAction.Export,
        details: { transferId, exportId, step: 'transfer-export-completed', packages: packages.length, invalid: packages.filter((p) => !p.valid).length },
      });
      return { packages: packages.length };
    } catch (err) {
      if (meta.attempt >= meta.attempts) {
        await this.exports.finish(tenantId, exportId, 'failed', 'The export could not be completed; start a new one');
        this.logger.error({ tenantId, exportId, err: (err as Error).message }, 'transfer export failed');
      }
      throw err;
    }
  }

  /** Every tenant's exports older than the configured days, each in its own tenant scope. */
  @JobHandler(JobName.TransferExportPurge)
  async purgeJob(): Promise<{ purged: number }> {
    const cutoff = new Date(Date.now() - this.config.exportRetentionDays * 86_400_000);
    const expired = await this.exports.expired(cutoff);
    for (const e of expired) await runInTenantScope(e.tenantId, () => this.files.purge(e.tenantId, e.id));
    return { purged: expired.length };
  }

  private async authorised(ctx: RequestContext, transferId: string): Promise<Transfer> {
    const t = await this.transferService.get(ctx, transferId);
    for (const type of t.summary.informationTypes) ctx.requireAction(Action.TransferAccept, { informationTypeId: type, tier: Tier.Final });
    return t;
  }

  private async stillKept(ctx: RequestContext, aipId: string): Promise<boolean> {
    return (await this.archive.selectAips(ctx, { ids: [aipId], statuses: ['active', 'superseded'] })).length === 1;
  }

  /**
   * The AIP's life as PREMIS events: those its own PREMIS file records (ingest) and those the
   * catalogue holds (replication, fixity, the transfer of custody…), in time order.
   */
  private async provenance(ctx: RequestContext, objectId: string): Promise<SipProvenanceEvent[]> {
    const fromAip: SipProvenanceEvent[] = [];
    if ((await this.preservation.listFiles(ctx, objectId)).some((f) => f.logicalPath === AIP_PREMIS_PATH)) {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.preservation.openFile(ctx, objectId, AIP_PREMIS_PATH)) chunks.push(chunk as Buffer);
      fromAip.push(...readAipPremisEvents(Buffer.concat(chunks).toString('utf8'), objectId));
    }
    const fromCatalogue = provenanceOf(ctx.requireTenant(), await this.preservation.listEvents(ctx, objectId));
    return [...fromAip, ...fromCatalogue].sort((a, b) => (a.dateTime < b.dateTime ? -1 : a.dateTime > b.dateTime ? 1 : 0));
  }

  private view(e: ExportRow, t: Transfer, packages: ExportPackage[]): TransferExport {
    return {
      id: e.id,
      transferId: e.transferId,
      status: e.status,
      requestedBy: e.requestedBy,
      requestedAt: e.requestedAt.toISOString(),
      finishedAt: e.finishedAt?.toISOString() ?? null,
      error: e.error,
      purgedAt: e.purgedAt?.toISOString() ?? null,
      expiresAt: new Date(e.requestedAt.getTime() + this.config.exportRetentionDays * 86_400_000).toISOString(),
      progress: { aips: t.summary.aips, written: packages.length },
      packages,
    };
  }

  private async writePackage(
    ctx: RequestContext,
    tenant: { name: string; organisationNumber: string; authority: string },
    transfer: Transfer,
    item: TransferItem,
    dir: string,
  ): Promise<Omit<ExportPackage, 'writtenAt' | 'deleted'>> {
    const work = await mkdtemp(join(dir, '.work-'));
    try {
      const representations = new Set<string>();
      const descriptive: SipMetadataInput[] = [];
      for (const f of await this.preservation.listFiles(ctx, item.objectId)) {
        const rep = REPRESENTATION_FILE.exec(f.logicalPath);
        const dmd = DESCRIPTIVE_FILE.exec(f.logicalPath);
        if (!rep && !dmd) continue;
        const target = rep ? join(work, 'representations', rep[1], rep[2]) : join(work, 'descriptive', dmd![1]);
        await mkdir(dirname(target), { recursive: true });
        await pipeline(await this.preservation.openFile(ctx, item.objectId, f.logicalPath), createWriteStream(target));
        if (rep) representations.add(rep[1]);
        else descriptive.push({ source: target, fileName: dmd![1], ...descriptiveType(dmd![1]) });
      }
      if (representations.size === 0) throw nothingToExport(item.aipId);
      const catalog = formatSettings().schemaCatalog;
      const built = await buildSip({
        objid: item.aipId,
        outputDir: join(work, 'out'),
        format: 'zip',
        label: `${item.informationTypeId} from ${item.sourceSystem} (transfer ${transfer.id})`,
        contentCategory: 'Mixed',
        recordStatus: 'NEW',
        representations: [...representations].sort().map((name) => ({ name, sourceDir: join(work, 'representations', name) })),
        descriptiveMetadata: descriptive.length > 0 ? descriptive : undefined,
        agents: {
          archivalCreator: { name: tenant.name, organisationNumber: tenant.organisationNumber },
          submittingAgent: { name: tenant.authority || tenant.name, organisationNumber: tenant.organisationNumber },
        },
        referenceCode: `${transfer.id}/${item.aipId}`,
        provenance: await this.provenance(ctx, item.objectId),
        software: { name: 'Samarkiv', version: packageVersion() },
        schemaCatalog: catalog,
      });
      const validation = await validatePackage(built.path, { catalog, stagingDir: join(work, 'validate') });
      const name = `${item.aipId}.zip`;
      const sha256 = await sha256Of(built.path);
      const size = (await stat(built.path)).size;
      await rename(built.path, join(dir, name));
      return {
        aipId: item.aipId,
        name,
        size,
        sha256,
        valid: validation.valid,
        findings: validation.findings.map((f) => ({ id: f.id, severity: f.severity, message: f.message, location: f.location })),
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

/** The METS MDTYPE of a descriptive metadata file, from its name (EAD is what FGS producers send). */
function descriptiveType(fileName: string): { mdType: string; otherMdType?: string } {
  const lower = fileName.toLowerCase();
  if (lower.includes('ead')) return { mdType: 'EAD' };
  if (lower.includes('eac')) return { mdType: 'EAC-CPF' };
  if (lower.startsWith('dc') || lower.includes('dublin')) return { mdType: 'DC' };
  return { mdType: 'OTHER', otherMdType: lower.replace(/\.[^.]+$/, '') || 'unknown' };
}

/** The AIP's PREMIS events as provenance of the package (no patient data: events never carry any). */
function provenanceOf(tenantId: string, events: PreservationEvent[]): SipProvenanceEvent[] {
  return events
    .filter((e) => PREMIS_EVENT_TYPES.has(e.type))
    .map((e) => ({
      identifier: `urn:samarkiv:${tenantId}:event:${e.id}`,
      type: e.type as SipProvenanceEvent['type'],
      dateTime: e.at.toISOString(),
      outcome: e.outcome,
      detail: e.detail,
      outcomeDetail: e.outcomeDetail ? JSON.stringify(e.outcomeDetail) : undefined,
      agent: {
        identifier: e.agent.address ?? e.agent.name,
        name: e.agent.name,
        type: (e.agent.address ?? '').startsWith('urn:samarkiv:system') ? 'software' : 'person',
      },
    }));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
