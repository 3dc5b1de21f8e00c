import { Controller, Get, Param, ParseIntPipe, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Ctx, RequestContext } from '../../platform/context';
import { RecordFile, RecordViewService } from '../application/record-view.service';
import type { RecordView } from '../domain/record-views';
import { RENDERED_CSP, RenderLocale } from '../domain/render/html';

/** The console's choice: `?lang=` first, then its remembered cookie, else Swedish (see console/i18n). */
const localeOf = (req: Request): RenderLocale => {
  const asked = req.query?.lang ?? (req as Request & { cookies?: Record<string, string> }).cookies?.['samarkiv.lang'];
  return asked === 'en' ? 'en' : 'sv';
};

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

  /** The original rendered as readable, sanitised HTML (C-CDA, FHIR, canonical XML; else the canonical record). No scripts may run. */
  @Get(':id/rendered')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A self-contained, sanitised HTML page (strict CSP, no scripts)' })
  async rendered(@Ctx() ctx: RequestContext, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const html = await this.records.rendered(ctx, id, localeOf(req));
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', RENDERED_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-store');
    return html;
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
