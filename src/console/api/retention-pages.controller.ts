import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FinalArchiveFacade } from '../../final-archive/final-archive.facade';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { PageService } from '../application/page.service';
import { LegalHoldsPage, RetentionRulesPage } from '../views/retention.page';
import { HoldListQueryFormDto, LegalHoldFormDto, RetentionRuleFormDto } from './archivist-forms.dto';
import { ConsoleFormDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/**
 * Retention rules (the archive authority decides them: disposal:approve on the type) and legal
 * holds (region archivists and the authority set and release them).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.DisposalRead)
@Controller()
export class RetentionPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly finalArchive: FinalArchiveFacade,
  ) {}

  @Get('retention-rules')
  async rules(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [rules, view] = await Promise.all([this.finalArchive.listRetentionRules(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, RetentionRulesPage({ view, rules, approvable: ctx.informationTypesFor(Action.DisposalApprove) }));
  }

  @Post('retention-rules')
  @Requires(Action.DisposalApprove)
  async createRule(@Ctx() ctx: RequestContext, @Body() dto: RetentionRuleFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.createRetentionRule(ctx, { informationTypeId: dto.informationTypeId, sourceSystem: dto.sourceSystem, trigger: dto.trigger, years: dto.years, description: dto.description });
    res.redirect(303, '/retention-rules?done=done.ruleCreated');
  }

  @Post('retention-rules/:id/delete')
  @Requires(Action.DisposalApprove)
  async deleteRule(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.deleteRetentionRule(ctx, id);
    res.redirect(303, '/retention-rules?done=done.ruleDeleted');
  }

  @Get('legal-holds')
  async holds(@Ctx() ctx: RequestContext, @Query() q: HoldListQueryFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const showReleased = q.released === 'true';
    const [holds, view] = await Promise.all([this.finalArchive.listLegalHolds(ctx, showReleased), this.pages.view(ctx, req, res)]);
    this.pages.send(res, LegalHoldsPage({ view, holds, showReleased }));
  }

  @Post('legal-holds')
  async setHold(@Ctx() ctx: RequestContext, @Body() dto: LegalHoldFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.setLegalHold(ctx, { scope: dto.scope, target: dto.target.trim(), reason: dto.reason });
    res.redirect(303, '/legal-holds?done=done.holdSet');
  }

  @Post('legal-holds/:id/release')
  async releaseHold(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.releaseLegalHold(ctx, id);
    res.redirect(303, '/legal-holds?done=done.holdReleased');
  }
}
