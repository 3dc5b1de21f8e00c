import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FinalArchiveFacade, TransferSelection } from '../../final-archive/final-archive.facade';
import { Action, Ctx, RequestContext, Requires, Tier } from '../../platform/context';
import { PageService } from '../application/page.service';
import { ProposeTransferPage, TransferPage, TransfersPage } from '../views/transfers.page';
import { idList, NoteFormDto, RefusalFormDto, TransferPrefillQueryDto, TransferSelectionFormDto } from './archivist-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/**
 * Transfer of custody: the region archivist selects and proposes, an authority archivist (another
 * person) accepts or refuses; the same facade and checks as the REST API.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.TransferRead)
@Controller()
export class TransferPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly finalArchive: FinalArchiveFacade,
  ) {}

  @Get('transfers')
  async list(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [transfers, view] = await Promise.all([this.finalArchive.listTransfers(ctx, { limit: 200 }), this.pages.view(ctx, req, res)]);
    this.pages.send(res, TransfersPage({ view, transfers, me: this.finalArchive.actorId(ctx), mayAccept: this.mayAccept(ctx), mayPropose: this.proposable(ctx).length > 0 }));
  }

  @Get('propose-transfer')
  @Requires(Action.TransferPropose)
  async proposeForm(@Ctx() ctx: RequestContext, @Query() q: TransferPrefillQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.pages.send(res, ProposeTransferPage({ view: await this.pages.view(ctx, req, res), types: this.proposable(ctx), form: { deliveryIds: q.deliveryIds }, preview: null }));
  }

  /** First what the selection holds (counts, bytes, dates, held records); proposing is the second step. */
  @Post('propose-transfer')
  @Requires(Action.TransferPropose)
  async propose(@Ctx() ctx: RequestContext, @Body() dto: TransferSelectionFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const selection: TransferSelection = {
      informationTypeId: dto.informationTypeId,
      sourceSystem: dto.sourceSystem,
      deliveryIds: dto.deliveryIds ? idList(dto.deliveryIds, 'delivery ids') : undefined,
      period: dto.from || dto.to ? { from: dto.from, to: dto.to } : undefined,
    };
    if (dto.step === 'propose') {
      const transfer = await this.finalArchive.proposeTransfer(ctx, selection, dto.note);
      res.redirect(303, `/transfers/${transfer.id}?done=done.transferProposed`);
      return;
    }
    const preview = await this.finalArchive.previewTransfer(ctx, selection);
    this.pages.send(res, ProposeTransferPage({ view: await this.pages.view(ctx, req, res), types: this.proposable(ctx), form: dto, preview }));
  }

  @Get('transfers/:id')
  async detail(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [t, view] = await Promise.all([this.finalArchive.getTransfer(ctx, id), this.pages.view(ctx, req, res)]);
    this.pages.send(res, TransferPage({ view, t, me: this.finalArchive.actorId(ctx), mayAccept: this.mayAccept(ctx) }));
  }

  /** Whoever may read the transfer reaches the service, so the proposer hears why they may not decide. */
  @Post('transfers/:id/accept')
  async accept(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: NoteFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.acceptTransfer(ctx, id, dto.note);
    res.redirect(303, `/transfers/${id}?done=done.transferAccepted`);
  }

  @Post('transfers/:id/refuse')
  async refuse(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefusalFormDto, @Res() res: Response): Promise<void> {
    await this.finalArchive.refuseTransfer(ctx, id, dto.note);
    res.redirect(303, `/transfers/${id}?done=done.transferRefused`);
  }

  @Get('transfers/:id/receipt.json')
  async receipt(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const receipt = await this.finalArchive.transferReceipt(ctx, id);
    res.setHeader('cache-control', 'no-store');
    res.type('application/json').attachment(`overlamningskvitto-${id}.json`).send(JSON.stringify(receipt, null, 2));
  }

  private proposable(ctx: RequestContext): string[] {
    return ctx.informationTypesFor(Action.TransferPropose, Tier.Intermediate);
  }

  private mayAccept(ctx: RequestContext): boolean {
    return ctx.informationTypesFor(Action.TransferAccept, Tier.Final).length > 0;
  }
}
