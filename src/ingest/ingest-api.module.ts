import { Module } from '@nestjs/common';
import { IngestModule } from './ingest.module';
import { ValidationController } from './api/validation.controller';
import { FormatPolicyController } from './format-policy/format-policy.controller';
import { DeliveryController } from './api/delivery.controller';
import { IngestPolicyController } from './api/ingest-policy.controller';
import { ReceiptKeysController } from './api/receipt-keys.controller';
import { DeliveryWebhookController } from './api/delivery-webhook.controller';
import { DeliveryEventsService } from './application/delivery-events.service';
import { DeliveryUploadService } from './application/delivery-upload.service';

/** HTTP face of ingest; the tus upload server and the event stream live only in API processes. */
@Module({
  imports: [IngestModule],
  controllers: [ValidationController, FormatPolicyController, DeliveryController, ReceiptKeysController, IngestPolicyController, DeliveryWebhookController],
  providers: [DeliveryUploadService, DeliveryEventsService],
})
export class IngestApiModule {}
