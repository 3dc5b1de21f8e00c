import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { RecordSearchService } from '../application/record-search.service';
import { SearchDto, SearchResultDto, TimelineDto, TimelineResultDto } from './search.dto';

@ApiTags('search')
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly search: RecordSearchService) {}

  /** One search per information type, the same whatever the source system; every search is logged. */
  @Post(':informationType')
  @HttpCode(200)
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'informationType' } })
  @ApiOkResponse({ type: SearchResultDto })
  run(@Ctx() ctx: RequestContext, @Param('informationType') informationType: string, @Body() dto: SearchDto): Promise<SearchResultDto> {
    return this.search.search(ctx, informationType, dto);
  }

  /** All of one patient's records of the type in date order, grouped by care unit. */
  @Post(':informationType/timeline')
  @HttpCode(200)
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'informationType' } })
  @ApiOkResponse({ type: TimelineResultDto })
  timeline(@Ctx() ctx: RequestContext, @Param('informationType') informationType: string, @Body() dto: TimelineDto): Promise<TimelineResultDto> {
    return this.search.timeline(ctx, informationType, dto);
  }
}
