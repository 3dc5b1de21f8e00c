import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DipRecordInput, writeDip } from '@samarkiv/information-package';
import { ArchiveFacade, AipView } from '../../archive/archive.facade';
import { AuditAction, AuditEntryInput, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { formatSettings, storageConfig } from '../../platform/config/settings';
import { Action, RequestContext } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { IndexedRecord } from '../domain/indexed-record';
import { RecordFileSource } from '../domain/record-file-source.port';
import { RecordIndex } from '../domain/record-index.port';
import { dipEmpty, dipTooLarge, fileNotFound, recordNotFound } from '../search.errors';
import { auditPatient, AuditedPatient } from './audit-patient';
import { grantedTiers } from './granted-tiers';
import { SearchTypes } from './information-types';
import { viewerUnit } from './viewer-unit';

/** Upper bound of one DIP: a disclosure stays reviewable, and the build stays within scratch space. */
export const MAX_DIP_RECORDS = 10_000;
/** Scratch left by a process that died mid-download is removed at the next start once this old. */
const STALE_SCRATCH_MS = 12 * 3600 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DipRequest {
  recordIds: string[];
  purpose?: string;
  /** The final archive's request (utlämnande) this DIP answers; written to PREMIS as the decision reference. */
  disclosureRequestId?: string;
}

/** What was handed out, for the requests register: every file of the DIP with its SHA-256, and the ZIP itself. */
export interface DipManifest {
  dipId: string;
  createdAt: string;
  zip: { fileName: string; bytes: number; sha256: string };
  records: Array<{ id: string; informationTypeId: string; aipId: string; deliveryId: string; sourceRecordId: string }>;
  files: Array<{ path: string; size: number; sha256: string }>;
}

export interface DipExport {
  dipId: string;
  fileName: string;
  /** The ZIP; its scratch folder is removed when the stream closes (read to the end, failed or destroyed). */
  stream: Readable;
  manifest: DipManifest;
}

type ReadableRecord = IndexedRecord & { body: string };

/**
 * Builds an E-ARK DIP of selected records on demand from their AIPs: per record its original
 * and attachments (read from a verified copy, fixity checked while read; a file that also holds
 * other patients' records is withheld and named as such), its canonical record
 * with provenance as descriptive metadata, and PREMIS naming the source AIP and delivery. Built in
 * a private scratch folder that lives only until the ZIP has been streamed: no stored copy exists,
 * so a record destroyed later survives in no derived file of ours.
 */
@Injectable()
export class DipExportService implements OnModuleInit {
  private readonly schemaCatalog = formatSettings().schemaCatalog;
  /** Under the storage root (the operator's disk, not a shared /tmp); only builds in progress live here. */
  private readonly scratchRoot: string;

  constructor(
    @Inject(storageConfig.KEY) storage: ConfigType<typeof storageConfig>,
    private readonly index: RecordIndex,
    private readonly types: SearchTypes,
    private readonly archive: ArchiveFacade,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
    private readonly files: RecordFileSource,
  ) {
    this.scratchRoot = join(storage.root, 'dip-scratch');
  }

  /** A crashed build must not keep disclosed records on disk past their destruction. */
  async onModuleInit(): Promise<void> {
    await mkdir(this.scratchRoot, { recursive: true });
    for (const name of await readdir(this.scratchRoot)) {
      const path = join(this.scratchRoot, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_SCRATCH_MS) await rm(path, { recursive: true, force: true });
    }
  }

  async export(ctx: RequestContext, req: DipRequest): Promise<DipExport> {
    const tenantId = ctx.requireTenant();
    const ids = [...new Set(req.recordIds)];
    if (ids.length === 0) throw dipEmpty();
    if (ids.length > MAX_DIP_RECORDS) throw dipTooLarge(MAX_DIP_RECORDS);
    const records = await this.exportable(ctx, tenantId, ids);
    const aips = await this.aipsOf(ctx, records);
    const tenant = await this.tenancy.getTenant(ctx, tenantId);
    const dipId = `dip-${randomUUID()}`;
    await mkdir(this.scratchRoot, { recursive: true });
    const scratch = await mkdtemp(join(this.scratchRoot, 'dip-'));
    try {
      const inputs = await this.fetchFiles(ctx, scratch, records, aips);
      const built = await writeDip({
        objid: dipId,
        outputDir: join(scratch, 'out'),
        format: 'zip',
        label: `Samarkiv DIP ${dipId} (${records.length} records)`,
        records: inputs,
        provenance: { disseminator: { name: tenant.name, organisationNumber: tenant.organisationNumber }, purpose: req.purpose, decisionReference: req.disclosureRequestId },
        schemaCatalog: this.schemaCatalog,
        durable: false,
      });
      const fileName = `${dipId}.zip`;
      const manifest: DipManifest = {
        dipId,
        createdAt: new Date().toISOString(),
        zip: { fileName, bytes: built.bytes, sha256: await sha256Of(built.path) },
        records: records.map((r) => ({ id: r.id, informationTypeId: r.informationTypeId, aipId: r.aipId, deliveryId: r.deliveryId, sourceRecordId: r.sourceRecordId })),
        files: built.files.map((f) => ({ path: f.path, size: f.size, sha256: f.digests['SHA-256'] as string })),
      };
      // Logged before any byte leaves (fail closed).
      for (const entry of this.exportEntries(records, dipId, req)) await this.audit.record(ctx, entry);
      const stream = createReadStream(built.path);
      stream.once('close', () => void rm(scratch, { recursive: true, force: true }));
      return { dipId, fileName, stream, manifest };
    } catch (e) {
      await rm(scratch, { recursive: true, force: true });
      throw e;
    }
  }

  /** Every id must be a record of the tenant that the caller may both read and export in its tier; otherwise nothing is named. */
  private async exportable(ctx: RequestContext, tenantId: string, ids: string[]): Promise<ReadableRecord[]> {
    const found = ids.every((id) => UUID.test(id)) ? await this.index.getMany(tenantId, ids) : [];
    const allowed = (r: IndexedRecord) => [Action.RecordRead, Action.RecordExport].every((a) => grantedTiers(ctx, a, r.informationTypeId).includes(r.tier as never));
    if (found.length !== ids.length || !found.every(allowed)) {
      await this.audit.record(ctx, { action: AuditAction.Export, outcome: AuditOutcome.Refused, recordIds: ids.slice(0, 100).map((id) => id.slice(0, 64)), details: { reason: 'not-found-or-not-granted', asked: ids.length } });
      throw recordNotFound();
    }
    // Spärr: a blocked record is as unknown as any unreadable one; the refusal names the records and why.
    const unit = viewerUnit(ctx);
    const blocked: string[] = [];
    for (const r of found) if (this.types.get(r.informationTypeId).patientData && (await this.index.isBlocked(r, unit))) blocked.push(r.id);
    if (blocked.length) {
      await this.audit.record(ctx, { action: AuditAction.Export, outcome: AuditOutcome.Refused, recordIds: blocked.slice(0, 100), details: { reason: 'blocked', asked: ids.length } });
      throw recordNotFound();
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  private async aipsOf(ctx: RequestContext, records: ReadableRecord[]): Promise<Map<string, AipView>> {
    const aipIds = [...new Set(records.map((r) => r.aipId))];
    const aips = new Map((await this.archive.selectAips(ctx, { ids: aipIds, statuses: ['active', 'superseded'] })).map((a) => [a.id, a]));
    if (aipIds.some((id) => !aips.has(id))) throw fileNotFound();
    return aips;
  }

  /** Reads each distinct file once (a source file often carries many records), one AIP at a time, into the scratch folder. */
  private async fetchFiles(ctx: RequestContext, scratch: string, records: ReadableRecord[], aips: Map<string, AipView>): Promise<DipRecordInput[]> {
    const patients = await this.index.filePatients(ctx.requireTenant(), records.flatMap((r) => [r.sourceFile, ...r.attachments].map((path) => ({ aipId: r.aipId, path }))));
    // A disclosure never carries another patient's data: a file shared with other patients' records stays out.
    const withheld = (rec: ReadableRecord, path: string) => this.types.get(rec.informationTypeId).patientData && (patients.get(`${rec.aipId}\n${path}`) ?? []).some((p) => p !== (rec.patientId ?? ''));
    const wanted = new Map<string, Set<string>>();
    for (const rec of records) for (const path of [rec.sourceFile, ...rec.attachments]) if (!withheld(rec, path)) wanted.set(rec.aipId, (wanted.get(rec.aipId) ?? new Set()).add(path));
    const fetched = new Map<string, string>();
    await mkdir(join(scratch, 'files'));
    for (const [aipId, paths] of wanted) {
      for await (const { logicalPath, stream } of this.files.openMany(ctx, aipId, [...paths])) {
        const local = join(scratch, 'files', String(fetched.size));
        await pipeline(stream, createWriteStream(local));
        fetched.set(`${aipId}\n${logicalPath}`, local);
      }
    }
    return records.map((rec) => {
      const type = this.types.get(rec.informationTypeId);
      const names = new UniqueNames();
      const paths = [rec.sourceFile, ...rec.attachments];
      return {
        id: rec.id,
        informationType: rec.informationTypeId,
        metadata: {
          format: 'json',
          content: { ...canonicalMetadata(rec, aips.get(rec.aipId)!, type.labels), withheld: paths.filter((p) => withheld(rec, p)).map((file) => ({ file, reason: 'holds-other-patients-records' })) },
        },
        files: paths.filter((p) => !withheld(rec, p)).map((p) => ({ source: fetched.get(`${rec.aipId}\n${p}`)!, name: names.take(p) })),
        sourceAipId: `urn:uuid:${rec.aipId}`,
        sourceDeliveryId: `urn:samarkiv:${rec.tenantId}:delivery:${rec.deliveryId}`,
      };
    });
  }

  /** One entry per patient (log review finds a patient's disclosures), one for records without a Swedish id. */
  private exportEntries(records: ReadableRecord[], dipId: string, req: DipRequest): AuditEntryInput[] {
    // One entry per patient (with its issuer when not Swedish) and type, so each patient's log extract finds the export.
    const groups = new Map<string, { patient: AuditedPatient['patient']; typeId: string; ids: string[]; details: Record<string, unknown> }>();
    for (const r of records) {
      const who = this.types.get(r.informationTypeId).patientData ? auditPatient(r.patientId, r.patientIssuer) : { patient: null, details: {} };
      const key = `${who.patient?.issuer ?? ''}\n${who.patient?.id ?? ''}\n${r.informationTypeId}`;
      const g = groups.get(key) ?? { patient: who.patient, typeId: r.informationTypeId, ids: [], details: who.details };
      g.ids.push(r.id);
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({
      action: AuditAction.Export,
      informationTypeId: g.typeId,
      patient: g.patient,
      recordIds: g.ids,
      details: {
        ...g.details,
        dipId,
        records: records.length,
        ...(req.purpose ? { purpose: req.purpose.slice(0, 500) } : {}),
        ...(req.disclosureRequestId ? { disclosureRequestId: req.disclosureRequestId } : {}),
      },
    }));
  }
}

/** The canonical record as archived, with where it came from (AIP, object, delivery, source file). */
function canonicalMetadata(r: ReadableRecord, aip: AipView, typeLabels: { sv: string; en: string }) {
  return {
    id: r.id,
    informationType: { id: r.informationTypeId, labels: typeLabels },
    tier: r.tier,
    patient: r.patientId ? { id: r.patientId, issuer: r.patientIssuer } : null,
    date: r.recordDate ? r.recordDate.toISOString() : null,
    unit: r.unit,
    fields: r.fields,
    text: r.body || null,
    attachments: r.attachments,
    provenance: {
      sourceSystem: r.sourceSystem,
      sourceRecordId: r.sourceRecordId,
      sourceFile: r.sourceFile,
      aip: { id: aip.id, objid: `urn:uuid:${aip.id}`, objectId: aip.objectId, version: aip.version, storedVersion: aip.storedVersion, sipObjid: aip.sipObjid },
      deliveryId: r.deliveryId,
    },
  };
}

/** File names inside one record's representation: the delivered base name, numbered when two collide. */
class UniqueNames {
  private readonly used = new Set<string>();

  take(logicalPath: string): string {
    const base = basename(logicalPath).replace(/[\\\u0000-\u001f]/g, '_') || 'file';
    const safe = base === '.' || base === '..' ? 'file' : base;
    let name = safe;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${n}-${safe}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
