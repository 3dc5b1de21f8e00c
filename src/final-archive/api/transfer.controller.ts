import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { TransferDetail, TransferService } from '../application/transfer.service';
import { Transfer, TransferReceipt } from '../domain/transfer';
import { DecisionNoteDto, ListQueryDto, ProposeTransferDto, RefusalDto } from './final-archive.dto';

@ApiTags('final-archive')
@Controller('api/v1/transfers')
export class TransferController {
  constructor(private readonly transfers: TransferService) {}

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

  @Get(':id/receipt')
  @Requires(Action.TransferRead)
  receipt(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<TransferReceipt> {
    return this.transfers.receipt(ctx, id);
  }
}
