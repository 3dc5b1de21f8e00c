import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { TransferDetail, TransferService } from '../application/transfer.service';
import { TransferExportService } from '../application/transfer-export.service';
import { TransferExport } from '../domain/transfer-export';
import { Transfer, TransferReceipt } from '../domain/transfer';
import { DecisionNoteDto, ExportPackageParamsDto, ListQueryDto, ProposeTransferDto, RefusalDto } from './final-archive.dto';

@ApiTags('final-archive')
@Controller('api/v1/transfers')
export class TransferController {
  constructor(
    private readonly transfers: TransferService,
    private readonly exports: TransferExportService,
  ) {}

  /** A region archivist proposes; the answer lists what the selection holds. */
  @Post()
  @Requires(Action.TransferPropose)
  propose(@Ctx() ctx: RequestContext, @Body() dto: ProposeTransferDto): Promise<TransferDetail> {
    const { note, ...selection } = dto;
    return this.transfers.propose(ctx, selection, note);
  }

  @Get()
  @Requires(Action.TransferRead)
  list(@Ctx() ctx: RequestContext, @Query() q: ListQueryDto): Promise<Transfer[]> {
    return this.transfers.list(ctx, q);
  }

  @Get(':id')
  @Requires(Action.TransferRead)
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<TransferDetail> {
    return this.transfers.get(ctx, id);
  }

  /**
   * An authority archivist (not the proposer) takes custody. The guard lets both sides in so that
   * the proposer hears why they may not decide; the service requires the accept action. 202:
   * a job completes the custody move and writes the receipt; GET shows when it is `accepted`.
   */
  @Post(':id/accept')
  @HttpCode(202)
  @Requires(Action.TransferRead)
  accept(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionNoteDto): Promise<TransferDetail> {
    return this.transfers.accept(ctx, id, dto.note);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Requires(Action.TransferRead)
  refuse(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefusalDto): Promise<TransferDetail> {
    return this.transfers.refuse(ctx, id, dto.note);
  }

  /** An authority archivist exports an accepted transfer as E-ARK SIPs (FGS 2.0), one per AIP; a job writes them. */
  @Post(':id/exports')
  @HttpCode(202)
  @Requires(Action.TransferRead)
  startExport(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<TransferExport> {
    return this.exports.start(ctx, id);
  }

  @Get(':id/exports/:exportId')
  @Requires(Action.TransferRead)
  getExport(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('exportId', ParseUUIDPipe) exportId: string): Promise<TransferExport> {
    return this.exports.get(ctx, id, exportId);
  }

  @Get(':id/exports/:exportId/packages/:name')
  @ApiProduces('application/zip')
  @Requires(Action.TransferRead)
  async downloadPackage(@Ctx() ctx: RequestContext, @Param() p: ExportPackageParamsDto): Promise<StreamableFile> {
    const pkg = await this.exports.download(ctx, p.id, p.exportId, p.name);
    return new StreamableFile(pkg.stream, { type: 'application/zip', length: pkg.size, disposition: `attachment; filename="${pkg.name}"` });
  }

  @Get(':id/receipt')
  @Requires(Action.TransferRead)
  receipt(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<TransferReceipt> {
    return this.transfers.receipt(ctx, id);
  }
}
