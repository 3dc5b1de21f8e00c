import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { DeliveryWebhookService } from '../application/delivery-webhook.service';

export class SetWebhookDto {
  /** https URL that receives POSTs with the outcome and the signed receipt. */
  @IsString() @MaxLength(2000)
  url!: string;
}

export class WebhookDto {
  url!: string;
  /** Shown once, when the webhook is set: the HMAC-SHA256 key of the Samarkiv-Signature header. */
  secret?: string;
  updatedAt?: string;
}

/** The calling API client's webhook for the outcomes of its deliveries. */
@ApiTags('ingest')
@Controller('api/v1/delivery-webhook')
export class DeliveryWebhookController {
  constructor(private readonly webhooks: DeliveryWebhookService) {}

  @Put()
  @Requires(Action.DeliveryCreate)
  set(@Ctx() ctx: RequestContext, @Body() dto: SetWebhookDto): Promise<WebhookDto> {
    return this.webhooks.set(ctx, dto.url);
  }

  @Get()
  @Requires(Action.DeliveryCreate)
  get(@Ctx() ctx: RequestContext): Promise<WebhookDto> {
    return this.webhooks.get(ctx);
  }

  @Delete()
  @HttpCode(204)
  @Requires(Action.DeliveryCreate)
  remove(@Ctx() ctx: RequestContext): Promise<void> {
    return this.webhooks.remove(ctx);
  }
}
