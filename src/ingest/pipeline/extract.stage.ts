import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import type { CanonicalRecord } from '@samarkiv/records';
import { SearchFacade } from '../../search/search.facade';
import { DeliveryStage } from '../domain/delivery-stage';
import { finding, PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { isContent } from './identify.stage';
import { ExtractState, FileFact, readState, readUnpackState, writeState } from './stage-state';

/** Where a SIP file sits inside the AIP (and so in storage): records point there. */
export const aipPathOf = (sipRootName: string, sipPath: string) => `submission/${sipRootName}/${sipPath}`;

/**
 * Turns the content files into canonical records through the search module's mappings for the
 * information type and source system, streamed batch by batch into records.jsonl (one record per
 * line), which the AIP carries so that the index can be rebuilt from storage alone.
 */
@Injectable()
export class ExtractStage implements PipelineStage {
  readonly stage = DeliveryStage.Extracting;

  constructor(private readonly search: SearchFacade) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const root = join(ws.dir, (await readUnpackState(ws)).root);
    const rootName = basename(root);
    const facts = await readState<FileFact[]>(ws.facts);
    const files = facts
      .filter((f) => isContent(f.path))
      .map((f) => ({ path: join(root, f.path), logicalPath: aipPathOf(rootName, f.path), puid: f.puid, mime: f.mime || null }));
    const tmp = `${ws.records}.tmp`;
    const out = createWriteStream(tmp);
    const write = async (batch: CanonicalRecord[]) => {
      if (!out.write(batch.map((r) => `${JSON.stringify(r)}\n`).join(''))) await once(out, 'drain');
    };
    let result: Awaited<ReturnType<SearchFacade['extractRecords']>>;
    try {
      result = await this.search.extractRecords(ctx, { informationTypeId: delivery.informationTypeId, sourceSystem: delivery.sourceSystem, files }, write);
    } finally {
      out.end();
      await once(out, 'close');
    }
    await rename(tmp, ws.records);
    await writeState(ws.extractState, { records: result.records } satisfies ExtractState);
    const findings = result.findings.map((f) => finding(this.stage, { code: f.code, severity: f.severity, location: f.file, message: f.message }));
    return { findings, summary: `${result.records} records extracted from ${files.length} content files`, details: { records: result.records } };
  }
}
