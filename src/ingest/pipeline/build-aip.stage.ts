import { Injectable } from '@nestjs/common';
import { basename, join } from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { AipFileFact, writeAip } from '@samarkiv/information-package';
import { formatSettings } from '../../platform/config/settings';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { AIP_DESCRIPTOR_FORMAT, AipDescriptor } from '../../archive/archive.facade';
import { DeliveryStage } from '../domain/delivery-stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { FileFact, readState, readUnpackState, writeState } from './stage-state';

/** What the store stage needs from the built AIP. */
export interface BuiltAip {
  /** AIP root folder, relative to the workspace. */
  root: string;
  objid: string;
  files: Array<{ path: string; size: number; sha512: string }>;
  bytes: number;
}

export const RECORDS_MD_TYPE = 'samarkiv-records-jsonl';

/**
 * Writes the E-ARK AIP around the SIP: the SIP unchanged under submission/, PREMIS events for
 * ingestion, validation, format identification and message digest calculation, the extracted
 * records as metadata/other/records.jsonl, and a METS with the digests computed at
 * identification (nothing is hashed twice).
 */
@Injectable()
export class BuildAipStage implements PipelineStage {
  readonly stage = DeliveryStage.Building;
  private readonly settings = formatSettings();

  constructor(private readonly tenancy: TenancyFacade) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const unpacked = await readUnpackState(ws);
    const sipDir = join(ws.dir, unpacked.root);
    const facts = await readState<FileFact[]>(ws.facts);
    const tenant = await this.tenancy.getTenant(ctx, delivery.tenantId);
    if (!existsSync(ws.records)) await writeFile(ws.records, '');
    const aipId = delivery.aipId as string;
    const objid = `urn:uuid:${aipId}`;
    const now = new Date().toISOString();
    const files: AipFileFact[] = facts.map((f) => ({
      path: f.path,
      size: f.size,
      digests: f.digests,
      mimeType: f.mime || undefined,
      format: f.puid ? { name: f.formatName || f.mime || f.puid, version: f.formatVersion || undefined, puid: f.puid, basis: f.basis } : undefined,
    }));
    const descriptor: AipDescriptor = {
      format: AIP_DESCRIPTOR_FORMAT,
      aipId,
      tenantId: delivery.tenantId,
      deliveryId: delivery.id,
      sipObjid: delivery.sipObjid as string,
      sipKind: delivery.sipKind ?? null,
      informationTypeId: delivery.informationTypeId,
      sourceSystem: delivery.sourceSystem,
      submissionAgreement: delivery.submissionAgreement ?? null,
      version: delivery.aipVersion ?? 1,
      createdAt: now,
      createdBy: delivery.createdBy,
    };
    const descriptorFile = join(ws.dir, 'samarkiv-aip.json');
    await writeFile(descriptorFile, JSON.stringify(descriptor, null, 2));
    await rm(ws.aipParent, { recursive: true, force: true });
    const aip = await writeAip({
      objid,
      folderName: aipId,
      targetDir: ws.aipParent,
      sipDir,
      submissionName: basename(sipDir),
      // Hard links: no byte of the SIP is copied, and the unpacked SIP stays for a re-run after a crash.
      sipTransfer: 'link',
      files,
      label: `${delivery.informationTypeId} from ${delivery.sourceSystem}`,
      checksumAlgorithm: 'SHA-256',
      extraDigests: ['SHA-512'],
      preservationAgent: { name: tenant.name, organisationNumber: tenant.organisationNumber },
      otherAgents: [{ key: 'pronom', name: 'Samarkiv PRONOM format identification (DROID-compatible)', type: 'software' }],
      events: [
        { type: 'ingestion', dateTime: now, outcome: 'success', detail: `Delivery ${delivery.id} from source system ${delivery.sourceSystem}`, agents: [{ key: 'software', role: 'executing program' }, { key: 'preservation', role: 'authorizer' }] },
        { type: 'validation', dateTime: now, outcome: 'success', detail: `${delivery.sipKind ?? 'package'}: no error findings` },
        { type: 'format identification', dateTime: now, outcome: 'success', agents: [{ key: 'pronom', role: 'executing program' }], objects: facts.filter((f) => f.puid).map((f) => f.path) },
        { type: 'message digest calculation', dateTime: now, outcome: 'success', detail: 'SHA-256 and SHA-512 of every file', objects: facts.map((f) => f.path) },
      ],
      otherMetadata: [
        { source: descriptorFile, name: 'samarkiv-aip.json', mimeType: 'application/json', otherMdType: 'samarkiv-aip', label: 'Catalogue facts (for a rebuild from storage)' },
        { source: ws.records, name: 'records.jsonl', mimeType: 'application/x-ndjson', otherMdType: RECORDS_MD_TYPE, label: 'Records extracted at ingest' },
      ],
      schemaCatalog: this.settings.schemaCatalog,
      // Staging is a work area, not the archive (its state files are not flushed either): the store
      // stage makes the archival copy durable and checks it against the digests taken at unpack,
      // so a staging file lost to a power cut fails that check instead of being archived. One
      // flush of the whole file system per delivery here would only repeat the store's.
      durable: false,
    });
    const built: BuiltAip = {
      root: aip.path.slice(ws.dir.length + 1),
      objid,
      files: aip.files.map((f) => ({ path: f.path, size: f.size, sha512: f.digests['SHA-512'] as string })),
      bytes: aip.bytes,
    };
    await writeState(ws.builtAip, built);
    return { findings: [], summary: `AIP written (${built.files.length} files, ${built.bytes} bytes)`, details: { files: built.files.length, bytes: built.bytes } };
  }
}
