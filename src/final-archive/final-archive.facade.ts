import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context';
import { ArchiveFacade } from '../archive/archive.facade';
import { SelectionService } from './application/selection.service';

/** The final-archive module's public surface for other modules. */
@Injectable()
export class FinalArchiveFacade {
  constructor(
    private readonly archive: ArchiveFacade,
    private readonly selection: SelectionService,
  ) {}

  /** Whether a legal hold reaches the AIP (by itself, its delivery, one of its records or patients). */
  async isHeld(ctx: RequestContext, aipId: string): Promise<boolean> {
    const aips = await this.archive.selectAips(ctx, { ids: [aipId] });
    const [described] = await this.selection.describe(ctx, aips);
    return described?.held ?? false;
  }
}
