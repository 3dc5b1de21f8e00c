import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../../platform/context';
import { IdentityProviderService, IdentityProviderView } from '../application/identity-provider.service';
import { IdentityProviderDto } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1/tenants/:tenantId/identity-provider')
export class IdentityProviderController {
  constructor(private readonly idps: IdentityProviderService) {}

  @Get()
  get(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<IdentityProviderView> {
    return this.idps.get(ctx, tenantId);
  }

  /** Metadata (XML or URL) or explicit entity id, SSO URL and certificates; plus the attribute map. */
  @Put()
  set(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: IdentityProviderDto): Promise<IdentityProviderView> {
    return this.idps.set(ctx, tenantId, dto);
  }
}
