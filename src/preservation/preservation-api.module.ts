import { Module } from '@nestjs/common';
import { PreservationModule } from './preservation.module';
import { PreservationController } from './api/preservation.controller';

/** HTTP face of the preservation module; loaded by the API role only. */
@Module({
  imports: [PreservationModule],
  controllers: [PreservationController],
})
export class PreservationApiModule {}
