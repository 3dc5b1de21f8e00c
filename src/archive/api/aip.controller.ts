import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { AipCatalogueService } from '../application/aip-catalogue.service';
import { AipListQueryDto, AipListDto, AipDto } from './aip.dto';

@ApiTags('archive')
@Controller('api/v1/aips')
export class AipController {
  constructor(private readonly catalogue: AipCatalogueService) {}

  /** AIPs of the caller's region of the information types the caller may see, newest first. */
  @Get()
  @Requires(Action.DeliveryRead)
  list(@Ctx() ctx: RequestContext, @Query() query: AipListQueryDto): Promise<AipListDto> {
    return this.catalogue.list(ctx, query);
  }

  @Get(':id')
  @Requires(Action.DeliveryRead)
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<AipDto> {
    return this.catalogue.get(ctx, id);
  }
}
