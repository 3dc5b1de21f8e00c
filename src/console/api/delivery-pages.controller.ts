import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IngestFacade } from '../../ingest/ingest.facade';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { PageService } from '../application/page.service';
import { DeliveriesPage, DeliveryPage, QuarantinePage } from '../views/deliveries.page';
import { ListQueryFormDto } from './archivist-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

const PAGE_SIZE = 25;

/** The archivist's deliveries: list with live progress, the validation report, receipts, quarantine. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.DeliveryRead)
@Controller()
export class DeliveryPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly ingest: IngestFacade,
  ) {}

  @Get('deliveries')
  async list(@Ctx() ctx: RequestContext, @Query() q: ListQueryFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const offset = q.offset ?? 0;
    const [{ items, total }, view] = await Promise.all([this.ingest.listDeliveryOverviews(ctx, PAGE_SIZE, offset), this.pages.view(ctx, req, res)]);
    this.pages.send(res, DeliveriesPage({ view, items, page: { offset, limit: PAGE_SIZE, total } }));
  }

  @Get('deliveries/:id')
  async detail(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [detail, view] = await Promise.all([this.ingest.deliveryDetail(ctx, id), this.pages.view(ctx, req, res)]);
    this.pages.send(res, DeliveryPage({ view, o: detail, events: detail.events }));
  }

  /** The signed receipt as a file: XML for the producer's systems, JSON with the compact JWS. */
  @Get('deliveries/:id/receipt.xml')
  async receiptXml(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const xml = await this.ingest.getReceiptXml(ctx, id);
    res.setHeader('cache-control', 'no-store');
    res.type('application/xml').attachment(`kvittens-${id}.xml`).send(xml);
  }

  @Get('deliveries/:id/receipt.json')
  async receiptJson(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const receipt = await this.ingest.getReceipt(ctx, id);
    res.setHeader('cache-control', 'no-store');
    res.type('application/json').attachment(`kvittens-${id}.json`).send(JSON.stringify({ ...receipt.body, signature: receipt.jws }, null, 2));
  }

  @Get('quarantine')
  async quarantine(@Ctx() ctx: RequestContext, @Query() q: ListQueryFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const offset = q.offset ?? 0;
    const [{ items, total }, view] = await Promise.all([this.ingest.listQuarantined(ctx, PAGE_SIZE, offset), this.pages.view(ctx, req, res)]);
    this.pages.send(res, QuarantinePage({ view, items, page: { offset, limit: PAGE_SIZE, total } }));
  }
}
