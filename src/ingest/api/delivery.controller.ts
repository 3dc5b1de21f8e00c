import { All, Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { DeliveryEventsService } from '../application/delivery-events.service';
import { DeliveryUploadService } from '../application/delivery-upload.service';
import { DeliveryService } from '../application/delivery.service';
import { ReceiptService } from '../application/receipt.service';
import { renderReceiptXml } from '../application/receipt-xml';
import { CreateDeliveryDto, DeliveryDto, DeliveryListDto, DeliveryListQueryDto } from './delivery.dto';

@ApiTags('ingest')
@Controller('api/v1/deliveries')
export class DeliveryController {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly uploads: DeliveryUploadService,
    private readonly events: DeliveryEventsService,
    private readonly receipts: ReceiptService,
  ) {}

  /**
   * Announces a delivery. Then upload the package with tus to `upload.url`. A retried request with
   * the same Idempotency-Key answers 200 with the delivery made the first time.
   */
  @Post()
  @Requires(Action.DeliveryCreate, { informationTypeFrom: { body: 'informationType' } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Client-chosen key; the same key returns the same delivery' })
  async create(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateDeliveryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryDto> {
    const { delivery, created } = await this.deliveries.create(ctx, dto, key?.trim() || undefined);
    res.status(created ? 201 : 200).setHeader('Location', delivery.links.self);
    return delivery;
  }

  @Get()
  @Requires(Action.DeliveryRead)
  list(@Ctx() ctx: RequestContext, @Query() query: DeliveryListQueryDto): Promise<DeliveryListDto> {
    return this.deliveries.list(ctx, query.limit, query.offset);
  }

  /** Stage, progress and findings. */
  @Get(':id')
  @Requires(Action.DeliveryRead)
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<DeliveryDto> {
    return this.deliveries.get(ctx, id);
  }

  /** The tus 1.0 upload of the package (creation, creation-with-upload, termination, expiration). */
  @All(':id/upload')
  @Requires(Action.DeliveryCreate)
  upload(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.uploads.handle(ctx, id, req, res);
  }

  /** Server-sent events: the delivery's history, then each new event until it is accepted, rejected or failed. */
  @Get(':id/events')
  @Requires(Action.DeliveryRead)
  @ApiProduces('text/event-stream')
  async stream(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    const after = Number(req.headers['last-event-id'] ?? 0) || 0;
    const events = this.events.follow(ctx, id, after, abort.signal);
    // Fail before the stream starts (404) when the delivery is not the caller's.
    const first = await events.next();
    res.status(200).setHeader('Content-Type', 'text/event-stream; charset=utf-8').setHeader('Cache-Control', 'no-store').setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    for (let item = first; !item.done; item = await events.next()) {
      res.write(`id: ${item.value.seq}\nevent: ${item.value.type}\ndata: ${JSON.stringify(item.value)}\n\n`);
    }
    res.write('event: end\ndata: {}\n\n');
    res.end();
  }

  /** The signed receipt: JSON (default) or XML by Accept; both carry the same compact JWS. */
  @Get(':id/receipt')
  @Requires(Action.DeliveryRead)
  @ApiProduces('application/json', 'application/xml')
  async receipt(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const receipt = await this.receipts.get(ctx, id);
    res.setHeader('Vary', 'Accept');
    if (req.accepts(['application/json', 'application/xml', 'text/xml']) === 'application/json') {
      res.status(200).json({ ...receipt.body, signature: receipt.jws });
    } else {
      res.status(200).type('application/xml').send(renderReceiptXml(receipt));
    }
  }
}
