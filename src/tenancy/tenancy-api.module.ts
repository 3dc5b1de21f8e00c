import { Module } from '@nestjs/common';
import { TenancyModule } from './tenancy.module';
import { TenantController } from './api/tenant.controller';
import { InformationTypeController } from './api/information-type.controller';

/** HTTP face of the tenancy module; loaded by the API role only (the worker serves only health). */
@Module({
  imports: [TenancyModule],
  controllers: [TenantController, InformationTypeController],
})
export class TenancyApiModule {}
