import { Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DeliveryStage } from '../domain/delivery-stage';
import { PipelineStage, StageInput, StageOutcome } from './pipeline-stage';

const execFileAsync = promisify(execFile);

/** The AIP is stored and catalogued: the delivery's staging workspace is no longer needed. */
@Injectable()
export class CleanStage implements PipelineStage {
  readonly stage = DeliveryStage.Cleaning;

  async run({ ws }: StageInput): Promise<StageOutcome> {
    await removeTree(ws.dir);
    return { findings: [], summary: 'Staging cleaned' };
  }
}

/**
 * `rm -rf` removes a workspace of tens of thousands of names about twice as fast as Node's
 * recursive rm, and on another core; where it cannot run, Node's rm does the job.
 */
async function removeTree(dir: string): Promise<void> {
  try {
    await execFileAsync('rm', ['-rf', '--', dir]);
  } catch {
    await rm(dir, { recursive: true, force: true });
  }
}
