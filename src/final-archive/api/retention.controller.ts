import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { HoldService } from '../application/hold.service';
import { CandidateView, RetentionService } from '../application/retention.service';
import { LegalHold } from '../domain/hold';
import { RetentionRule } from '../domain/retention';
import { CreateRetentionRuleDto, HoldListQueryDto, SetHoldDto } from './final-archive.dto';

@ApiTags('final-archive')
@Controller('api/v1')
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly holds: HoldService,
  ) {}

  @Post('retention-rules')
  @Requires(Action.DisposalApprove)
  createRule(@Ctx() ctx: RequestContext, @Body() dto: CreateRetentionRuleDto): Promise<RetentionRule> {
    return this.retention.createRule(ctx, dto);
  }

  @Get('retention-rules')
  @Requires(Action.DisposalRead)
  rules(@Ctx() ctx: RequestContext): Promise<RetentionRule[]> {
    return this.retention.listRules(ctx);
  }

  @Delete('retention-rules/:id')
  @HttpCode(204)
  @Requires(Action.DisposalApprove)
  deleteRule(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.retention.deleteRule(ctx, id);
  }

  /** Lists the candidates now instead of waiting for the scheduled scan. */
  @Post('retention-scans')
  @HttpCode(200)
  @Requires(Action.DisposalRead)
  async scan(@Ctx() ctx: RequestContext): Promise<{ candidates: number; truncated: boolean }> {
    await this.retention.requireScanRight(ctx);
    return this.retention.scan(ctx);
  }

  @Get('disposal-candidates')
  @Requires(Action.DisposalRead)
  candidates(@Ctx() ctx: RequestContext): Promise<CandidateView[]> {
    return this.retention.candidates(ctx);
  }

  @Post('legal-holds')
  @Requires(Action.DisposalRead)
  setHold(@Ctx() ctx: RequestContext, @Body() dto: SetHoldDto): Promise<LegalHold> {
    return this.holds.set(ctx, dto);
  }

  @Get('legal-holds')
  @Requires(Action.DisposalRead)
  listHolds(@Ctx() ctx: RequestContext, @Query() q: HoldListQueryDto): Promise<LegalHold[]> {
    return this.holds.list(ctx, q.includeReleased === 'true');
  }

  @Post('legal-holds/:id/release')
  @HttpCode(200)
  @Requires(Action.DisposalRead)
  releaseHold(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<LegalHold> {
    return this.holds.release(ctx, id);
  }
}
