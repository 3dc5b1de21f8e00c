import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuditModule } from '../audit/audit.module';
import { ArchiveModule } from '../archive/archive.module';
import { PreservationModule } from '../preservation/preservation.module';
import { SearchModule } from '../search/search.module';
import { ValidationService } from './application/validation.service';
import { IngestFacade } from './ingest.facade';
import { CatalogueRebuildService } from './rebuild/catalogue-rebuild.service';
import { FormatPolicyEntity } from './format-policy/format-policy.entity';
import { FormatPolicyRepository } from './format-policy/format-policy.repository';
import { FormatPolicyService } from './format-policy/format-policy.service';
import { DeliveryEntity } from './domain/delivery.entity';
import { ReceiptEntity } from './domain/receipt.entity';
import { TenantIngestPolicyEntity } from './domain/tenant-ingest-policy.entity';
import { DeliveryWebhookEntity } from './domain/delivery-webhook.entity';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { ReceiptRepository } from './infrastructure/receipt.repository';
import { IngestPolicyRepository } from './infrastructure/ingest-policy.repository';
import { DeliveryWebhookRepository } from './infrastructure/delivery-webhook.repository';
import { ReceiptSigner } from './infrastructure/receipt-signer';
import { DeliveryService } from './application/delivery.service';
import { IngestPolicyService } from './application/ingest-policy.service';
import { ReceiptService } from './application/receipt.service';
import { DeliveryWebhookService } from './application/delivery-webhook.service';
import { TenantSlots } from './pipeline/tenant-slots';
import { StageRunner } from './pipeline/stage-runner.service';
import { UnpackStage } from './pipeline/unpack.stage';
import { ValidateStage } from './pipeline/validate.stage';
import { IdentifyStage } from './pipeline/identify.stage';
import { ExtractStage } from './pipeline/extract.stage';
import { BuildAipStage } from './pipeline/build-aip.stage';
import { StoreStage } from './pipeline/store.stage';
import { CatalogueStage } from './pipeline/catalogue.stage';
import { CleanStage } from './pipeline/clean.stage';
import { QuarantineService } from './pipeline/quarantine.service';
import { IngestJobs } from './pipeline/ingest-jobs.service';

const STAGES = [UnpackStage, ValidateStage, IdentifyStage, ExtractStage, BuildAipStage, StoreStage, CatalogueStage, CleanStage];

@Module({
  imports: [
    TypeOrmModule.forFeature([FormatPolicyEntity, DeliveryEntity, ReceiptEntity, TenantIngestPolicyEntity, DeliveryWebhookEntity]),
    TenancyModule,
    AuditModule,
    ArchiveModule,
    PreservationModule,
    SearchModule,
  ],
  providers: [
    ValidationService,
    FormatPolicyRepository,
    FormatPolicyService,
    DeliveryRepository,
    ReceiptRepository,
    IngestPolicyRepository,
    DeliveryWebhookRepository,
    DeliveryWebhookService,
    ReceiptSigner,
    DeliveryService,
    IngestPolicyService,
    ReceiptService,
    TenantSlots,
    StageRunner,
    ...STAGES,
    QuarantineService,
    IngestJobs,
    CatalogueRebuildService,
    IngestFacade,
  ],
  // Services are exported for this module's API module only; other modules use the facade.
  exports: [IngestFacade, ValidationService, FormatPolicyService, DeliveryService, DeliveryRepository, IngestPolicyService, ReceiptService, DeliveryWebhookService],
})
export class IngestModule {}
