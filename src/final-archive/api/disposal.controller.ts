import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { destructionCsv, destructionPdf } from '../application/destruction-report';
import { DisposalDetail, DisposalService, DryRun } from '../application/disposal.service';
import { DestructionReport, Disposal, Tombstone } from '../domain/disposal';
import { ApproveDisposalDto, PageQueryDto, ProposeDisposalDto, ProposeJournalDestructionDto, RefusalDto, TombstoneQueryDto } from './final-archive.dto';

@ApiTags('final-archive')
@Controller('api/v1')
export class DisposalController {
  constructor(private readonly disposals: DisposalService) {}

  @Post('disposals')
  @Requires(Action.DisposalPropose)
  propose(@Ctx() ctx: RequestContext, @Body() dto: ProposeDisposalDto): Promise<DisposalDetail> {
    return this.disposals.propose(ctx, dto.aipIds, dto.note);
  }

  /** Journal destruction of one patient across every delivery (IVO decision). */
  @Post('journal-destructions')
  @Requires(Action.DisposalPropose)
  proposeJournal(@Ctx() ctx: RequestContext, @Body() dto: ProposeJournalDestructionDto): Promise<DisposalDetail> {
    return this.disposals.proposeJournal(ctx, dto.patientId, dto.note);
  }

  @Get('disposals')
  @Requires(Action.DisposalRead)
  list(@Ctx() ctx: RequestContext, @Query() q: PageQueryDto): Promise<Disposal[]> {
    return this.disposals.list(ctx, q.limit, q.offset);
  }

  @Get('disposals/:id')
  @Requires(Action.DisposalRead)
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DisposalDetail> {
    return this.disposals.get(ctx, id);
  }

  @Get('disposals/:id/dry-run')
  @Requires(Action.DisposalRead)
  dryRun(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DryRun> {
    return this.disposals.dryRun(ctx, id);
  }

  /** As with transfers, the proposer reaches the service and hears why they may not decide. */
  @Post('disposals/:id/approve')
  @HttpCode(200)
  @Requires(Action.DisposalRead)
  approve(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ApproveDisposalDto): Promise<DisposalDetail> {
    return this.disposals.approve(ctx, id, dto.decisionReference);
  }

  @Post('disposals/:id/refuse')
  @HttpCode(200)
  @Requires(Action.DisposalRead)
  refuse(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefusalDto): Promise<DisposalDetail> {
    return this.disposals.refuse(ctx, id, dto.note);
  }

  /** Starts (or resumes) the execution as a job: 202 with the disposal; GET shows its progress. */
  @Post('disposals/:id/execute')
  @HttpCode(202)
  @Requires(Action.DisposalApprove)
  execute(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DisposalDetail> {
    return this.disposals.execute(ctx, id);
  }

  @Get('disposals/:id/report')
  @Requires(Action.DisposalRead)
  report(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DestructionReport> {
    return this.disposals.report(ctx, id);
  }

  @Get('disposals/:id/report.csv')
  @ApiProduces('text/csv')
  @Requires(Action.DisposalRead)
  async reportCsv(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const report = await this.disposals.report(ctx, id);
    return new StreamableFile(destructionCsv(report), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="gallring-${id}.csv"` });
  }

  @Get('disposals/:id/report.pdf')
  @ApiProduces('application/pdf')
  @Requires(Action.DisposalRead)
  async reportPdf(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const report = await this.disposals.report(ctx, id);
    return new StreamableFile(await destructionPdf(report), { type: 'application/pdf', disposition: `attachment; filename="gallring-${id}.pdf"` });
  }

  @Get('tombstones')
  @Requires(Action.DisposalRead)
  tombstones(@Ctx() ctx: RequestContext, @Query() q: TombstoneQueryDto): Promise<Tombstone[]> {
    return this.disposals.tombstones(ctx, q);
  }
}
