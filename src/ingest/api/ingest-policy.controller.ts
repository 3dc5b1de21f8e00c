import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { IngestPolicyService } from '../application/ingest-policy.service';
import { IngestPolicyDto, UpdateIngestPolicyDto } from './delivery.dto';

@ApiTags('ingest')
@Controller('api/v1/tenants/:tenantId/ingest-policy')
export class IngestPolicyController {
  constructor(private readonly policies: IngestPolicyService) {}

  /** The region's ingest rules in force (its own values, or the installation's defaults). */
  @Get()
  @Requires(Action.TenantAdminister)
  get(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<IngestPolicyDto> {
    return this.policies.get(ctx, tenantId);
  }

  @Put()
  @Requires(Action.TenantAdminister)
  set(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: UpdateIngestPolicyDto): Promise<IngestPolicyDto> {
    return this.policies.set(ctx, tenantId, dto);
  }
}
