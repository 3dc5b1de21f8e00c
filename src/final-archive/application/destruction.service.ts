import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AIP_RECORDS_PATH, ArchiveFacade } from '../../archive/archive.facade';
import { IngestFacade } from '../../ingest/ingest.facade';
import { RequestContext } from '../../platform/context';
import { PremisEventType, PreservationFacade } from '../../preservation/preservation.facade';
import { NotFoundError } from '../../platform/errors/domain.error';
import { SearchFacade } from '../../search/search.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { actorOf } from '../domain/actor';
import { DisposalItem } from '../domain/disposal';
import { sharedFile } from '../final-archive.errors';
import { DisposalRepository } from '../infrastructure/disposal.repository';
import { RetentionRepository } from '../infrastructure/retention.repository';
import { ExportFiles } from './export-files';

/** Where ingest keeps the extracted records inside the AIP (rebuilds reindex from it). */
export const RECORDS_FILE = AIP_RECORDS_PATH;

/** The files that carry only these records (attachments and source files no other record uses). */
export async function filesOnlyOf(search: SearchFacade, ctx: RequestContext, item: Pick<DisposalItem, 'aipId' | 'recordIds'>): Promise<string[]> {
  const all = await search.locateRecords(ctx, { aipId: item.aipId });
  const target = new Set(item.recordIds);
  const files = (r: (typeof all)[number]) => [r.sourceFile, ...r.attachments];
  const kept = new Set(all.filter((r) => !target.has(r.id)).flatMap(files));
  const mine = [...new Set(all.filter((r) => target.has(r.id)).flatMap(files))];
  if (mine.some((f) => kept.has(f))) throw sharedFile(item.aipId);
  return mine;
}

/**
 * Destroys one disposal item: the index rows first (nobody finds it any more), then every copy in
 * every storage location (or, for one patient's records, their files out of every OCFL version),
 * then the delivery's leftovers in staging and quarantine; finally the tombstone. Each step is
 * safe to repeat, so an interrupted execution resumes with the items still pending.
 */
@Injectable()
export class DestructionService {
  constructor(
    private readonly disposals: DisposalRepository,
    private readonly retention: RetentionRepository,
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly preservation: PreservationFacade,
    private readonly ingest: IngestFacade,
    private readonly exports: ExportFiles,
    private readonly tenancy: TenancyFacade,
  ) {}

  /**
   * Destroys one item, resuming from the step an interrupted run recorded; an item already
   * destroyed is left as it is. Returns the storage locations the copies were destroyed in.
   */
  async destroy(ctx: RequestContext, disposal: { id: string; decisionReference: string }, item: DisposalItem): Promise<string[]> {
    const tenantId = ctx.requireTenant();
    if (item.status === 'destroyed') return item.locations ?? [];
    let locations: string[];
    if (item.scope === 'aip') {
      if (item.step === null) {
        await this.disposals.transaction(async (m) => {
          await this.search.removeAip(ctx, m, item.aipId);
          await this.archive.markDisposed(ctx, m, item.aipId);
          await this.disposals.itemStep(tenantId, disposal.id, item.aipId, 'unindexed', null, m);
        });
      }
      if (item.step === 'storage-destroyed') locations = item.locations ?? [];
      else {
        locations = await this.destroyStored(ctx, disposal.decisionReference, item);
        await this.disposals.itemStep(tenantId, disposal.id, item.aipId, 'storage-destroyed', locations);
      }
      await this.ingest.removeDeliveryLeftovers(ctx, item.deliveryId);
    } else {
      locations = await this.purgeRecords(ctx, disposal.id, disposal.decisionReference, item);
    }
    // Derived files: export packages that carry the AIP go with it.
    await this.exports.removePackagesOf(ctx, item.aipId);
    await this.disposals.transaction(async (m) => {
      if (!(await this.disposals.itemDestroyed(m, tenantId, disposal.id, item.aipId, locations))) return;
      await this.disposals.insertTombstone(m, tenantId, {
        disposalId: disposal.id,
        aipId: item.aipId,
        objectId: item.objectId,
        deliveryId: item.deliveryId,
        informationTypeId: item.informationTypeId,
        sourceSystem: item.sourceSystem,
        scope: item.scope,
        records: item.records,
        bytes: item.bytes,
        firstDate: item.firstDate,
        lastDate: item.lastDate,
        decisionReference: disposal.decisionReference,
        destroyedBy: actorOf(ctx),
        locations,
      });
    });
    if (item.scope === 'aip') await this.retention.removeCandidate(tenantId, item.aipId);
    return locations;
  }

  /**
   * Every copy of the AIP, through the preservation module (which leaves its tombstone and the
   * PREMIS deletion event). When an earlier run destroyed the object but stopped before noting
   * it, the deletion event it left says where the copies were; nothing is destroyed twice.
   */
  private async destroyStored(ctx: RequestContext, decisionReference: string, item: DisposalItem): Promise<string[]> {
    try {
      return (await this.preservation.destroyObject(ctx, item.objectId, { reason: 'gallring', decisionReference })).locations;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      const events = await this.preservation.listEvents(ctx, item.objectId);
      const deletion = events.find((ev) => ev.type === PremisEventType.Deletion && ev.outcomeDetail?.wholeObject === true && ev.outcomeDetail?.decisionReference === decisionReference);
      if (!deletion) throw e;
      return (deletion.outcomeDetail!.locations as string[] | undefined) ?? [];
    }
  }

  /**
   * One patient's records out of an AIP that also holds others: their files and their lines of
   * the records file leave every version in every location; the rest of the AIP stays. The
   * records file without those lines waits in the tenant's staging area until it is back in the
   * AIP, so a run that dies between the purge and the new version loses nothing; a rerun purges
   * only what is still there and adds the version once.
   */
  private async purgeRecords(ctx: RequestContext, disposalId: string, reference: string, item: DisposalItem): Promise<string[]> {
    const tenantId = ctx.requireTenant();
    let locations = item.locations ?? [];
    if (item.step !== 'storage-destroyed') {
      const staged = join(this.tenancy.tenantAreaPath(tenantId, 'staging'), `disposal-${disposalId}-${item.aipId}`);
      const remaining = join(staged, 'records.jsonl');
      const located = await this.search.locateRecords(ctx, { aipId: item.aipId });
      const target = new Set(item.recordIds);
      const sourceIds = new Set(located.filter((r) => target.has(r.id)).map((r) => r.sourceRecordId));
      const files = await filesOnlyOf(this.search, ctx, item);
      const present = new Set((await this.preservation.listFiles(ctx, item.objectId)).map((f) => f.logicalPath));
      let dropped = 0;
      if (present.has(RECORDS_FILE) && sourceIds.size > 0) {
        await mkdir(staged, { recursive: true });
        dropped = await writeFiltered(await this.preservation.openFile(ctx, item.objectId, RECORDS_FILE), `${remaining}.part`, sourceIds);
        if (dropped > 0) await rename(`${remaining}.part`, remaining);
        else await rm(`${remaining}.part`, { force: true });
      }
      const purge = [...files.filter((f) => present.has(f)), ...(dropped > 0 ? [RECORDS_FILE] : [])];
      // Empty when an interrupted run already purged everything.
      if (purge.length > 0) await this.preservation.destroyContent(ctx, item.objectId, purge, { reason: 'journalförstöring', decisionReference: reference });
      if (await stat(remaining).then((st) => st.size > 0, () => false)) {
        await this.preservation.addVersion(ctx, item.objectId, { add: [{ logicalPath: RECORDS_FILE, sourcePath: remaining }] }, `Records file without the destroyed records (decision ${reference})`);
      }
      locations = (await this.preservation.verifyCopies(ctx, item.objectId)).map((c) => c.location);
      await this.disposals.itemStep(tenantId, disposalId, item.aipId, 'storage-destroyed', locations);
      await rm(staged, { recursive: true, force: true });
    }
    const stored = await this.preservation.getObject(ctx, item.objectId);
    const [aip] = await this.archive.selectAips(ctx, { ids: [item.aipId] });
    await this.disposals.transaction(async (m) => {
      const removed = await this.search.removeRecords(ctx, m, item.recordIds);
      await this.archive.recountAip(ctx, m, item.aipId, { storedVersion: stored.version, fileCount: stored.fileCount, totalBytes: stored.totalBytes, recordCount: Math.max(0, (aip?.recordCount ?? removed) - removed) });
    });
    return locations;
  }
}

/** Copies the JSON lines whose recordId is not being destroyed; returns how many lines were left out. */
async function writeFiltered(source: Readable, target: string, drop: Set<string>): Promise<number> {
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let dropped = 0;
  async function* kept() {
    for await (const line of lines) {
      if (!line.trim()) continue;
      const { recordId } = JSON.parse(line) as { recordId: string };
      if (drop.has(recordId)) dropped++;
      else yield `${line}\n`;
    }
  }
  await pipeline(Readable.from(kept()), createWriteStream(target));
  return dropped;
}
