import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { SearchFacade } from '../../search/search.facade';
import { PageService } from '../application/page.service';
import { RecordPage } from '../views/record.page';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** One record as a page. The search module checks the read grant per type and tier, answers "not found" otherwise and logs the view. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.RecordRead)
@Controller('records')
export class RecordPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly search: SearchFacade,
  ) {}

  @Get(':id')
  async record(@Ctx() ctx: RequestContext, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const record = await this.search.viewRecord(ctx, id);
    this.pages.send(res, RecordPage({ view: await this.pages.view(ctx, req, res), record }));
  }
}
