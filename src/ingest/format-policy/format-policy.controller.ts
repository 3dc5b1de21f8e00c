import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { FormatPolicyService } from './format-policy.service';
import { FormatPolicyDto, FormatPolicyViewDto } from './format-policy.dto';

/** The tenant administrator's accepted-format policies, one per information type. */
@ApiTags('ingest')
@Controller('api/v1/tenants/:tenantId/format-policies')
@Requires(Action.TenantAdminister)
export class FormatPolicyController {
  constructor(private readonly policies: FormatPolicyService) {}

  @Get()
  list(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<FormatPolicyViewDto[]> {
    return this.policies.list(ctx, tenantId);
  }

  @Get(':informationType')
  get(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('informationType') type: string): Promise<FormatPolicyViewDto> {
    return this.policies.get(ctx, tenantId, type);
  }

  @Put(':informationType')
  set(
    @Ctx() ctx: RequestContext,
    @Param('tenantId') tenantId: string,
    @Param('informationType') type: string,
    @Body() dto: FormatPolicyDto,
  ): Promise<FormatPolicyViewDto> {
    return this.policies.set(ctx, tenantId, type, dto);
  }

  /** Drops the tenant's own policy: the built-in default applies again. */
  @Delete(':informationType')
  reset(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('informationType') type: string): Promise<FormatPolicyViewDto> {
    return this.policies.reset(ctx, tenantId, type);
  }
}
