import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { FinalArchiveFacade } from '../../final-archive/final-archive.facade';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { PageService } from '../application/page.service';
import { RequestPage, RequestsPage } from '../views/requests.page';
import { AssessmentFormDto, HandOutDipFormDto, HandOutFormDto, idList, RegisterRequestFormDto, RequestSearchFormDto } from './archivist-forms.dto';
import { periodOf } from './review-pages.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';

const PAGE_SIZE = 25;

/** The authority's register of requests for records (utlämnande): register, assess, hand out, search. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.RequestHandle)
@Controller('requests')
export class RequestPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly finalArchive: FinalArchiveFacade,
  ) {}

  @Get()
  async search(@Ctx() ctx: RequestContext, @Query() q: RequestSearchFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const offset = q.offset ?? 0;
    const [result, view] = await Promise.all([
      this.finalArchive.searchRequests(ctx, { text: q.q, assessment: q.assessment, ...periodOf(q), limit: PAGE_SIZE, offset }),
      this.pages.view(ctx, req, res),
    ]);
    const query = { q: q.q, assessment: q.assessment, from: q.from, to: q.to };
    this.pages.send(res, RequestsPage({ view, result, query, page: { offset, limit: PAGE_SIZE, total: result.total }, types: ctx.informationTypesFor(Action.RequestHandle) }));
  }

  @Post()
  async register(@Ctx() ctx: RequestContext, @Body() dto: RegisterRequestFormDto, @Res() res: Response): Promise<void> {
    const r = await this.finalArchive.registerRequest(ctx, {
      reference: dto.reference.trim(),
      requesterName: dto.requesterName,
      requesterContact: dto.requesterContact,
      receivedAt: `${dto.receivedAt}T00:00:00Z`,
      subject: dto.subject,
      informationTypeId: dto.informationTypeId,
    });
    res.redirect(303, `/requests/${r.id}?done=done.requestRegistered`);
  }

  @Get(':id')
  async detail(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [r, view] = await Promise.all([this.finalArchive.getRequest(ctx, id), this.pages.view(ctx, req, res)]);
    this.pages.send(res, RequestPage({ view, r }));
  }

  @Post(':id/assessment')
  async assess(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssessmentFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.assessRequest(ctx, id, dto.outcome, dto.reasoning);
    res.redirect(303, `/requests/${id}?done=done.requestAssessed`);
  }

  @Post(':id/hand-out')
  async handOut(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HandOutFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.recordHandOut(ctx, id, { recordIds: idList(dto.recordIds, 'record ids'), dip: dto.dip, note: dto.note });
    res.redirect(303, `/requests/${id}?done=done.requestHandedOut`);
  }

  /** A release in full answered with a DIP: the ZIP downloads, and the request shows it handed out on the next visit. */
  @Post(':id/dip')
  async handOutDip(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HandOutDipFormDto, @Res() res: Response): Promise<void> {
    const dip = await this.finalArchive.handOutDip(ctx, id, { recordIds: idList(dto.recordIds, 'record ids'), note: dto.note });
    res.status(200);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${dip.fileName}"`);
    res.setHeader('cache-control', 'no-store');
    await pipeline(dip.stream, res);
  }
}
