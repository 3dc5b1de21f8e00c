import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FinalArchiveFacade } from '../../final-archive/final-archive.facade';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { PageService } from '../application/page.service';
import { CandidatesPage, DisposalPage, DisposalsPage } from '../views/disposal.page';
import { ApprovalFormDto, DisposalProposalFormDto, RefusalFormDto } from './archivist-forms.dto';
import { ConsoleFormDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/**
 * Disposal (gallring): candidates from the retention rules, the archivist's proposal, the
 * authority's dry run, approval with its decision reference (another person), execution and the
 * destruction report.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.DisposalRead)
@Controller()
export class DisposalPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly finalArchive: FinalArchiveFacade,
  ) {}

  @Get('disposal-candidates')
  async candidates(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [candidates, view] = await Promise.all([this.finalArchive.disposalCandidates(ctx), this.pages.view(ctx, req, res)]);
    const mayPropose = ctx.informationTypesFor(Action.DisposalPropose).length > 0;
    this.pages.send(res, CandidatesPage({ view, candidates, mayPropose, mayScan: mayPropose || mayApprove(ctx) }));
  }

  @Post('disposal-candidates/scan')
  async scan(@Ctx() ctx: RequestContext, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.scanRetention(ctx);
    res.redirect(303, '/disposal-candidates?done=done.scanned');
  }

  @Post('disposals')
  @Requires(Action.DisposalPropose)
  async propose(@Ctx() ctx: RequestContext, @Body() dto: DisposalProposalFormDto, @Res() res: Response): Promise<void> {
    const disposal = await this.finalArchive.proposeDisposal(ctx, dto.aipIds, dto.note);
    res.redirect(303, `/disposals/${disposal.id}?done=done.disposalProposed`);
  }

  @Get('disposals')
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [disposals, view] = await Promise.all([this.finalArchive.listDisposals(ctx, 200, 0), this.pages.view(ctx, req, res)]);
    this.pages.send(res, DisposalsPage({ view, disposals }));
  }

  /** The dry run is shown while there is something to decide or execute (it is itself logged). */
  @Get('disposals/:id')
  async detail(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [d, view] = await Promise.all([this.finalArchive.getDisposal(ctx, id), this.pages.view(ctx, req, res)]);
    const dryRun = ['proposed', 'approved', 'executing'].includes(d.status) ? await this.finalArchive.disposalDryRun(ctx, id) : null;
    this.pages.send(res, DisposalPage({ view, d, dryRun, me: this.finalArchive.actorId(ctx), mayApprove: mayApprove(ctx) }));
  }

  @Post('disposals/:id/approve')
  async approve(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ApprovalFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.approveDisposal(ctx, id, dto.decisionReference);
    res.redirect(303, `/disposals/${id}?done=done.disposalApproved`);
  }

  @Post('disposals/:id/refuse')
  async refuse(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefusalFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.refuseDisposal(ctx, id, dto.note);
    res.redirect(303, `/disposals/${id}?done=done.disposalRefused`);
  }

  @Post('disposals/:id/execute')
  @Requires(Action.DisposalApprove)
  async execute(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.executeDisposal(ctx, id);
    res.redirect(303, `/disposals/${id}?done=done.disposalExecuting`);
  }

  @Get('disposals/:id/report.pdf')
  async reportPdf(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    await this.sendReport(ctx, id, 'pdf', res);
  }

  @Get('disposals/:id/report.csv')
  async reportCsv(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    await this.sendReport(ctx, id, 'csv', res);
  }

  private async sendReport(ctx: RequestContext, id: string, format: 'pdf' | 'csv', res: Response): Promise<void> {
    const file = await this.finalArchive.destructionReportFile(ctx, id, format);
    res.setHeader('cache-control', 'no-store');
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  }
}

function mayApprove(ctx: RequestContext): boolean {
  return ctx.informationTypesFor(Action.DisposalApprove).length > 0;
}
