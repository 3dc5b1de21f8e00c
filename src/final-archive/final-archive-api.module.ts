import { Module } from '@nestjs/common';
import { FinalArchiveModule } from './final-archive.module';
import { DisclosureRequestController } from './api/disclosure-request.controller';
import { DisposalController } from './api/disposal.controller';
import { RetentionController } from './api/retention.controller';
import { TransferController } from './api/transfer.controller';

/** HTTP face of the final archive and the life cycle; loaded by the API role only. */
@Module({ imports: [FinalArchiveModule], controllers: [TransferController, RetentionController, DisposalController, DisclosureRequestController] })
export class FinalArchiveApiModule {}
