import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { AuditFacade } from '../../audit/audit.facade';
import { PageService } from '../application/page.service';
import { FlagsPage, PatientReviewPage, SamplePage, SamplesPage, UserReviewPage } from '../views/review.page';
import { PatientReviewFormDto, PeriodQueryDto, SampleFormDto, SampleNoteFormDto, SignOffFormDto, UserReviewQueryDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

const PATIENT_RECORD = 'patient-record';

/** Dates from the form: `from` at the start of its day, `to` through the end of its day. */
export function periodOf(q: { from?: string; to?: string }): { from?: string; to?: string } {
  const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 24 * 3600 * 1000).toISOString() : undefined;
  return { from: q.from ? `${q.from}T00:00:00Z` : undefined, to };
}

/** The log reviewer's pages (Patientdatalagen 4 kap. 3 §); each look is itself logged by the audit module. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.AuditReview)
@Controller('review')
export class ReviewPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly audit: AuditFacade,
  ) {}

  @Get('patient')
  async patientForm(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.pages.send(res, PatientReviewPage({ view: await this.pages.view(ctx, req, res), extract: null, patientId: '', period: {} }));
  }

  /** Shows the extract, or downloads it as PDF or CSV (the same files as the REST API). */
  @Post('patient')
  async patient(@Ctx() ctx: RequestContext, @Body() dto: PatientReviewFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const extract = await this.audit.patientExtract(ctx, { tenantId: ctx.requireTenant(), informationTypeId: this.type(ctx), patientId: dto.patientId, ...periodOf(dto) });
    if (dto.format === 'pdf' || dto.format === 'csv') {
      const file = await this.audit.patientExtractFile(extract, dto.format);
      res.setHeader('cache-control', 'no-store');
      res.type(dto.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8').attachment(`loggutdrag.${dto.format}`).send(file);
      return;
    }
    this.pages.send(res, PatientReviewPage({ view: await this.pages.view(ctx, req, res), extract, patientId: dto.patientId, period: dto }));
  }

  @Get('user')
  async user(@Ctx() ctx: RequestContext, @Query() q: UserReviewQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const entries = q.userId ? await this.audit.userAccesses(ctx, { tenantId: ctx.requireTenant(), informationTypeId: this.type(ctx), userId: q.userId, ...periodOf(q) }) : null;
    this.pages.send(res, UserReviewPage({ view: await this.pages.view(ctx, req, res), entries, userId: q.userId ?? '', period: q }));
  }

  @Get('flags')
  async flags(@Ctx() ctx: RequestContext, @Query() q: PeriodQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const entries = await this.audit.flaggedAccesses(ctx, { tenantId: ctx.requireTenant(), informationTypeId: this.type(ctx), ...periodOf(q) });
    this.pages.send(res, FlagsPage({ view: await this.pages.view(ctx, req, res), entries, period: q }));
  }

  @Get('samples')
  async samples(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const samples = await this.audit.listReviewSamples(ctx, { tenantId: ctx.requireTenant(), informationTypeId: this.type(ctx) });
    this.pages.send(res, SamplesPage({ view: await this.pages.view(ctx, req, res), samples, period: {} }));
  }

  @Post('samples')
  async createSample(@Ctx() ctx: RequestContext, @Body() dto: SampleFormDto, @Res() res: Response): Promise<void> {
    const sample = await this.audit.createReviewSample(ctx, { tenantId: ctx.requireTenant(), informationTypeId: this.type(ctx), size: dto.size, ...periodOf(dto) });
    res.redirect(303, `/review/samples/${sample.id}?done=done.sampleCreated`);
  }

  @Get('samples/:id')
  async sample(@Ctx() ctx: RequestContext, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const sample = await this.audit.getReviewSample(ctx, ctx.requireTenant(), id);
    this.pages.send(res, SamplePage({ view: await this.pages.view(ctx, req, res), sample }));
  }

  @Post('samples/:id/items/:seq/note')
  async note(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('seq', ParseIntPipe) seq: number, @Body() dto: SampleNoteFormDto, @Res() res: Response): Promise<void> {
    await this.audit.noteReviewItem(ctx, ctx.requireTenant(), id, seq, dto.note);
    res.redirect(303, `/review/samples/${id}?done=done.noteSaved`);
  }

  @Post('samples/:id/sign-off')
  async signOff(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() dto: SignOffFormDto, @Res() res: Response): Promise<void> {
    await this.audit.signOffReviewSample(ctx, ctx.requireTenant(), id, dto.conclusion);
    res.redirect(303, `/review/samples/${id}?done=done.signedOff`);
  }

  /** The information type under review: patient records when granted, else the first granted type. */
  private type(ctx: RequestContext): string {
    const types = ctx.informationTypesFor(Action.AuditReview);
    return types.includes(PATIENT_RECORD) ? PATIENT_RECORD : (types[0] ?? PATIENT_RECORD);
  }
}
