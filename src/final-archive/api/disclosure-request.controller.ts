import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { DisclosureRequestService } from '../application/disclosure-request.service';
import { DisclosureRequest } from '../domain/disclosure-request';
import { AssessRequestDto, HandOutDto, RegisterRequestDto, RequestSearchQueryDto } from './final-archive.dto';

@ApiTags('final-archive')
@Controller('api/v1/disclosure-requests')
export class DisclosureRequestController {
  constructor(private readonly requests: DisclosureRequestService) {}

  @Post()
  @Requires(Action.RequestHandle)
  register(@Ctx() ctx: RequestContext, @Body() dto: RegisterRequestDto): Promise<DisclosureRequest> {
    return this.requests.register(ctx, dto);
  }

  @Get()
  @Requires(Action.RequestHandle)
  search(@Ctx() ctx: RequestContext, @Query() q: RequestSearchQueryDto): Promise<{ items: DisclosureRequest[]; total: number }> {
    return this.requests.search(ctx, { text: q.q, assessment: q.assessment, from: q.from, to: q.to, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  @Get(':id')
  @Requires(Action.RequestHandle)
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DisclosureRequest> {
    return this.requests.get(ctx, id);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @Requires(Action.RequestHandle)
  assess(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssessRequestDto): Promise<DisclosureRequest> {
    return this.requests.assess(ctx, id, dto.outcome, dto.reasoning);
  }

  @Post(':id/hand-out')
  @HttpCode(200)
  @Requires(Action.RequestHandle)
  handOut(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HandOutDto): Promise<DisclosureRequest> {
    return this.requests.handOut(ctx, id, dto);
  }
}
