import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { DisclosureRequestService } from '../application/disclosure-request.service';
import { DisclosureRequest } from '../domain/disclosure-request';
import { AssessRequestDto, HandOutDipDto, HandOutDto, RegisterRequestDto, RequestSearchQueryDto } from './final-archive.dto';

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

  /** Answers a request released in full with a DIP of the records; the register keeps its manifest. */
  @Post(':id/dip')
  @HttpCode(200)
  @Requires(Action.RequestHandle)
  @ApiProduces('application/zip')
  async handOutDip(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HandOutDipDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const dip = await this.requests.handOutDip(ctx, id, dto);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(dip.fileName)}`);
    res.setHeader('cache-control', 'no-store');
    return new StreamableFile(dip.stream);
  }
}
