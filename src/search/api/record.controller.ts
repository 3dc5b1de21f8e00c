import { Controller, Get, Param, ParseIntPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../platform/context';
import { RecordFile, RecordViewService } from '../application/record-view.service';
import type { RecordView } from '../domain/record-views';

const send = (res: Response, file: RecordFile) => {
  res.setHeader('content-type', 'application/octet-stream');
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  return new StreamableFile(file.stream);
};

/**
 * Records by id. Which type and tier a record has is only known after reading it, so the service
 * checks the read grant; anything not readable is "not found" (and logged).
 */
@ApiTags('search')
@Controller('api/v1/records')
export class RecordController {
  constructor(private readonly records: RecordViewService) {}

  /** The record rendered per its type's layout (sections, labelled fields), with links to its files. */
  @Get(':id')
  @ApiOkResponse({ description: 'The record view' })
  view(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<RecordView> {
    return this.records.view(ctx, id);
  }

  /** The file the record came from, as delivered. */
  @Get(':id/original')
  @ApiProduces('application/octet-stream')
  async original(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return send(res, await this.records.original(ctx, id));
  }

  @Get(':id/attachments/:index')
  @ApiProduces('application/octet-stream')
  async attachment(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('index', ParseIntPipe) index: number, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return send(res, await this.records.attachment(ctx, id, index));
  }
}
