import { Body, Controller, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../platform/context';
import { DipExportService } from '../application/dip-export.service';
import { CreateDipDto } from './dip.dto';

/** E-ARK DIPs of selected records, built on demand from their AIPs and streamed (never stored). */
@ApiTags('search')
@Controller('api/v1/dips')
export class DipController {
  constructor(private readonly dips: DipExportService) {}

  @Post()
  @HttpCode(200)
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The E-ARK DIP as a ZIP (attachment); X-DIP-SHA256 carries its SHA-256' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateDipDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const dip = await this.dips.export(ctx, dto);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${dip.fileName}"`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-dip-sha256', dip.manifest.zip.sha256);
    // A client that goes away mid-download must not leave the scratch folder behind.
    res.once('close', () => dip.stream.destroy());
    return new StreamableFile(dip.stream);
  }
}
