import { Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { DeliveryStage } from '../domain/delivery-stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';

/** The AIP is stored and catalogued: the delivery's staging workspace is no longer needed. */
@Injectable()
export class CleanStage implements PipelineStage {
  readonly stage = DeliveryStage.Cleaning;

  async run({ ws }: StageInput): Promise<StageOutcome> {
    await rm(ws.dir, { recursive: true, force: true });
    return { findings: [], summary: 'Staging cleaned' };
  }
}
