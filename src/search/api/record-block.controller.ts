import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { RecordBlockService } from '../application/record-block.service';
import { RecordBlockDto, RecordBlockQueryDto, RecordBlockSearchDto, RecordBlockViewDto } from './record-block.dto';

/** Spärr in the caller's region: the tenant administrator and archivists list, set and lift blocks. */
@ApiTags('search')
@Controller('api/v1/record-blocks')
@Requires(Action.RecordBlockManage)
export class RecordBlockController {
  constructor(private readonly blocks: RecordBlockService) {}

  /** Every block of the region (optionally of one care unit). */
  @Get()
  @ApiOkResponse({ type: RecordBlockViewDto, isArray: true })
  list(@Ctx() ctx: RequestContext, @Query() q: RecordBlockQueryDto): Promise<RecordBlockViewDto[]> {
    return this.blocks.list(ctx, { careUnit: q.careUnit });
  }

  /** The blocks of one patient (the id in the body, never in a URL). */
  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ type: RecordBlockViewDto, isArray: true })
  search(@Ctx() ctx: RequestContext, @Body() dto: RecordBlockSearchDto): Promise<RecordBlockViewDto[]> {
    return this.blocks.list(ctx, dto);
  }

  @Post()
  @ApiOkResponse({ type: RecordBlockViewDto })
  create(@Ctx() ctx: RequestContext, @Body() dto: RecordBlockDto): Promise<RecordBlockViewDto> {
    return this.blocks.create(ctx, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: RecordBlockViewDto })
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<RecordBlockViewDto> {
    return this.blocks.remove(ctx, id);
  }
}
